using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>
/// An opted-in Gateway as a scan sees it: one spec per Secret its listeners can get a certificate in, and what keeps the
/// others from getting one (listener problems, bad annotations, no HTTP listener for a hostname), never skipped silently.
/// </summary>
/// <param name="Certificates">What the Gateway asks for.</param>
/// <param name="Specs">One spec per Secret that can be issued, each for <see cref="CertificateRef.ForSecret"/>.</param>
/// <param name="Problems">Why a listener or a Secret gets no certificate, for people.</param>
public sealed record ScannedGateway(GatewayCertificates Certificates, IReadOnlyList<IngressCertificateSpec> Specs, IReadOnlyList<string> Problems)
{
    /// <summary>The Gateway as a whole (the run that issues all its Secrets).</summary>
    public CertificateRef Gateway => Certificates.Gateway;

    /// <summary>The specs an issuance of <paramref name="certificates"/> would run on, by the rules the API's run checks before asking the CA.</summary>
    public static ScannedGateway From(GatewayCertificates certificates, GatewayRouting defaultRouting, bool requireKnownHost)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var specs = new List<IngressCertificateSpec>();
        var problems = certificates.Problems.Select(p => p.Message).ToList();
        foreach (var certificate in certificates.Certificates)
        {
            try
            {
                specs.Add(GatewayIssuanceSpecBuilder.Build(
                    certificates.Gateway.ForSecret(certificate.SecretNamespace, certificate.SecretName), certificates, defaultRouting, requireKnownHost));
            }
            catch (InvalidGatewayConfigurationException ex)
            {
                // Bad annotations fail every Secret alike: said once.
                if (!problems.Contains(ex.Message, StringComparer.Ordinal))
                {
                    problems.Add(ex.Message);
                }
            }
        }

        if (specs.Count == 0 && problems.Count == 0)
        {
            problems.Add($"Gateway '{certificates.Gateway.Namespace}/{certificates.Gateway.Name}' has no HTTPS listener that can get a certificate: " +
                "add an HTTPS listener with tls.mode Terminate, a hostname and a certificateRef.");
        }

        return new ScannedGateway(certificates, specs, problems);
    }
}

using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>
/// Turns one certificate of a Gateway (one Secret) into the spec an issuance runs on, checking before the CA is asked
/// that the Gateway has an HTTP listener on port 80 for every host; pure.
/// </summary>
public static class GatewayIssuanceSpecBuilder
{
    /// <summary>The spec for <paramref name="certificate"/> (a Gateway with its Secret); throws <see cref="InvalidGatewayConfigurationException"/>.</summary>
    public static IngressCertificateSpec Build(CertificateRef certificate, GatewayCertificates gateway, GatewayRouting defaultRouting, bool requireKnownHost)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(gateway);
        var description = $"{certificate.Namespace}/{certificate.Name}";
        var settings = GatewayAnnotationParser.Parse(gateway.Annotations, description);
        var spec = gateway.Certificates.FirstOrDefault(c => c.SecretNamespace == certificate.SecretNamespace && c.SecretName == certificate.SecretName)
            ?? throw new InvalidGatewayConfigurationException(
                $"Gateway '{description}' has no HTTPS listener that can get a certificate in Secret {certificate.Secret} (any more); nothing was changed." +
                (gateway.Problems.Count == 0 ? string.Empty : " Listener problems: " + string.Join(" ", gateway.Problems.Select(p => p.Message))));
        _ = HttpRouteParents.Choose(certificate, gateway.Listeners, spec.Hosts);
        var routing = settings.Routing ?? defaultRouting;
        if (requireKnownHost && routing == GatewayRouting.Redirect)
        {
            throw new InvalidGatewayConfigurationException(
                $"Gateway '{description}' cannot get a certificate; nothing was changed. Fix: the Redirect strategy makes the CA ask the responder under its own " +
                "host name, and Responder:RequireKnownHost is on, so every challenge would be refused; set certfunctions.io/routing: backend or turn the setting off.");
        }

        return new IngressCertificateSpec(
            certificate,
            spec.Hosts,
            spec.SecretName,
            routing == GatewayRouting.Redirect ? RoutingStrategy.HttpRouteRedirect : RoutingStrategy.HttpRouteBackend,
            settings.KeyType,
            settings.Profile,
            settings.PreferredChain,
            settings.AdoptSecret,
            SolverPreset.Plain,
            null)
        {
            OptedIn = gateway.OptedIn,
        };
    }
}

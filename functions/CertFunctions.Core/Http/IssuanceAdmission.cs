using CertFunctions.Core.Certificates;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;
using CertFunctions.Core.Kubernetes.Secrets;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Http;

/// <summary>
/// Decides before an issuance starts whether the API may start it, so the user gets their error at once (missing
/// Ingress, wildcard host, bad annotation, not opted in, another Ingress's Secret) instead of a failed operation.
/// </summary>
public sealed class IssuanceAdmission(
    IngressCertificateReader ingressReader,
    IngressDiscovery discovery,
    DeployedCertificateReader certificates,
    GatewayCertificatesReader gateways,
    SecretOwnerGuard owners)
{
    /// <summary>Returns the problem to answer, or null when the issuance may start.</summary>
    public async Task<AdmissionProblem?> CheckAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            if (certificate.IsGateway)
            {
                return await CheckGatewayAsync(certificate, cancellationToken).ConfigureAwait(false);
            }

            var spec = await ingressReader.ReadAsync(certificate, cancellationToken).ConfigureAwait(false);
            if (!spec.OptedIn)
            {
                // Issuing for an Ingress the renewal scan does not see would leave a certificate that silently expires.
                return new AdmissionProblem(
                    StatusCodes.Status400BadRequest,
                    "The Ingress does not opt in",
                    $"Ingress {certificate.Namespace}/{certificate.Ingress} does not opt in to CertFunctions, so its certificate would never be renewed. " +
                    $"Add the annotation {CertFunctionsAnnotations.Enabled}: \"true\" (or {CertFunctionsAnnotations.TlsAcme}: \"true\") and request again.");
            }

            var deployed = await certificates.ReadAsync(certificate, spec.SecretName, cancellationToken).ConfigureAwait(false);
            if (deployed is { ManagedByUs: true, OwnerLabel: not null })
            {
                // Only a Secret written for another Ingress costs the namespace listing.
                var optedIn = await discovery.OptedInLabelsAsync(certificate.Cluster, certificate.Namespace, cancellationToken).ConfigureAwait(false);
                if (SecretOwnership.OtherOwner(certificate, deployed, optedIn.Contains) is { } owner)
                {
                    return new AdmissionProblem(
                        StatusCodes.Status409Conflict,
                        "The Secret belongs to another Ingress",
                        $"Secret {certificate.Namespace}/{spec.SecretName} is managed by CertFunctions for Ingress {owner}, which opts in; an issuance " +
                        $"for {certificate.Ingress} would replace its certificate. Renew {owner} instead, or give {certificate.Ingress} its own Secret " +
                        $"({CertFunctionsAnnotations.SecretName} or spec.tls secretName).");
                }

                // A Gateway (or an Ingress elsewhere) recorded as the Secret's owner keeps it too.
                if (await owners.OtherOwnerAsync(certificate, certificate.Namespace, spec.SecretName, cancellationToken).ConfigureAwait(false) is { } other)
                {
                    return OwnedByOther(SecretOwnedByOtherException.MessageFor(certificate.Namespace, spec.SecretName, other));
                }
            }

            return null;
        }
        catch (IngressNotFoundException ex)
        {
            return new AdmissionProblem(StatusCodes.Status404NotFound, "Ingress not found", ex.Message);
        }
        catch (GatewayNotFoundException ex)
        {
            return new AdmissionProblem(StatusCodes.Status404NotFound, "Gateway not found", ex.Message);
        }
        catch (UnknownClusterException ex)
        {
            return new AdmissionProblem(StatusCodes.Status400BadRequest, "Unknown cluster", ex.Message);
        }
        catch (ClusterUnavailableException ex)
        {
            return new AdmissionProblem(StatusCodes.Status503ServiceUnavailable, "Cluster unavailable", ex.Message);
        }
        catch (UnknownIssuerException ex)
        {
            return new AdmissionProblem(StatusCodes.Status400BadRequest, "Unknown issuer", ex.Message);
        }
        catch (IssuerNotAllowedException ex)
        {
            return new AdmissionProblem(StatusCodes.Status400BadRequest, "Issuer not allowed in this namespace", ex.Message);
        }
        catch (PermanentKubernetesException ex)
        {
            return new AdmissionProblem(StatusCodes.Status400BadRequest, certificate.IsGateway ? "The Gateway cannot be served" : "The Ingress cannot be served", ex.Message);
        }
        catch (TransientKubernetesException ex)
        {
            return new AdmissionProblem(StatusCodes.Status503ServiceUnavailable, "Cluster unavailable", ex.Message);
        }
    }

    /// <summary>
    /// A Gateway may start when it opts in, its annotations are valid, at least one listener can get a certificate, and
    /// every such certificate's hosts have an HTTP listener on port 80 for the challenge.
    /// </summary>
    private async Task<AdmissionProblem?> CheckGatewayAsync(CertificateRef gateway, CancellationToken cancellationToken)
    {
        var read = await gateways.ReadAsync(gateway, cancellationToken).ConfigureAwait(false);
        if (!read.OptedIn)
        {
            return new AdmissionProblem(
                StatusCodes.Status400BadRequest,
                "The Gateway does not opt in",
                $"Gateway {gateway.Namespace}/{gateway.Name} does not opt in to CertFunctions, so its certificates would never be renewed. " +
                $"Add the annotation {CertFunctionsAnnotations.Enabled}: \"true\" and request again.");
        }

        _ = GatewayAnnotationParser.Parse(read.Annotations, $"{gateway.Namespace}/{gateway.Name}");
        if (read.Certificates.Count == 0)
        {
            return new AdmissionProblem(
                StatusCodes.Status400BadRequest,
                "The Gateway cannot be served",
                $"Gateway {gateway.Namespace}/{gateway.Name} has no HTTPS listener that can get a certificate; nothing was changed." +
                (read.Problems.Count == 0 ? " Add an HTTPS listener with tls.mode Terminate, a hostname and a certificateRef." : " " + string.Join(" ", read.Problems.Select(p => p.Message))));
        }

        foreach (var certificate in read.Certificates)
        {
            _ = HttpRouteParents.Choose(gateway, read.Listeners, certificate.Hosts);
        }

        // A run whose every Secret another object owns would issue nothing; one with some left issues those and warns.
        var owned = new List<string>();
        foreach (var certificate in read.Certificates)
        {
            if (await owners.OtherOwnerAsync(gateway.ForSecret(certificate.SecretNamespace, certificate.SecretName), certificate.SecretNamespace, certificate.SecretName, cancellationToken).ConfigureAwait(false) is { } owner)
            {
                owned.Add(SecretOwnedByOtherException.MessageFor(certificate.SecretNamespace, certificate.SecretName, owner));
            }
        }

        return owned.Count == read.Certificates.Count ? OwnedByOther(string.Join(" ", owned)) : null;
    }

    private static AdmissionProblem OwnedByOther(string detail) =>
        new(StatusCodes.Status409Conflict, "The Secret belongs to another Ingress or Gateway", detail);
}

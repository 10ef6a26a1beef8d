using CertFunctions.Core.Certificates;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Secrets;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Http;

/// <summary>
/// Decides before an issuance starts whether the API may start it, so the user gets their error at once (missing
/// Ingress, wildcard host, bad annotation, not opted in, another Ingress's Secret) instead of a failed operation.
/// </summary>
public sealed class IssuanceAdmission(IngressCertificateReader ingressReader, IngressDiscovery discovery, DeployedCertificateReader certificates)
{
    /// <summary>Returns the problem to answer, or null when the issuance may start.</summary>
    public async Task<AdmissionProblem?> CheckAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
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
            }

            return null;
        }
        catch (IngressNotFoundException ex)
        {
            return new AdmissionProblem(StatusCodes.Status404NotFound, "Ingress not found", ex.Message);
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
            return new AdmissionProblem(StatusCodes.Status400BadRequest, "The Ingress cannot be served", ex.Message);
        }
        catch (TransientKubernetesException ex)
        {
            return new AdmissionProblem(StatusCodes.Status503ServiceUnavailable, "Cluster unavailable", ex.Message);
        }
    }
}

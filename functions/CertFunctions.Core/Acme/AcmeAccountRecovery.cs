using CertFunctions.Acme;
using CertFunctions.Acme.Errors;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Events;

namespace CertFunctions.Core.Acme;

/// <summary>
/// Runs a step's ACME work with its issuer's client; when the CA no longer knows the account (accountDoesNotExist:
/// deactivated, a private CA rebuilt, a test CA restarted), registers the stored key again and runs the work once more,
/// so the issuance goes on instead of failing until someone deletes the account blob. The Ingress gets an Event saying so.
/// </summary>
public sealed class AcmeAccountRecovery(AcmeClientProvider acme, IngressEventRecorder events)
{
    /// <summary>
    /// Runs <paramref name="work"/> with the shared client of <paramref name="issuer"/> (null: the default issuer, as in
    /// inputs scheduled before named issuers), recovering once from an account the CA forgot (the Event goes on
    /// <paramref name="certificate"/>, when known).
    /// </summary>
    public async Task<T> RunAsync<T>(string? issuer, CertificateRef? certificate, Func<AcmeClient, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var client = await acme.GetClientAsync(issuer, cancellationToken).ConfigureAwait(false);
        var accountUrl = client.AccountUrl;
        try
        {
            return await work(client).ConfigureAwait(false);
        }
        catch (AcmeAccountDoesNotExistException)
        {
            if (await acme.RegisterAgainAsync(issuer, accountUrl, cancellationToken).ConfigureAwait(false) && certificate is not null)
            {
                var named = acme.Issuers.Get(issuer);
                await events.RecordAsync(
                    certificate,
                    IngressEventReasons.AcmeAccountRegisteredAgain,
                    $"The CA {named.DirectoryUrl} (issuer {named.Name}) no longer knew the ACME account {accountUrl}; the stored account key was " +
                    $"registered again as {client.AccountUrl} and the issuance goes on.",
                    IngressEventType.Warning,
                    cancellationToken).ConfigureAwait(false);
            }

            return await work(client).ConfigureAwait(false);
        }
    }
}

using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Protocol;
using CertFunctions.Core.Acme;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.GitOps;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Kubernetes.Tls;
using CertFunctions.Core.Renewal;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Generates the certificate key, finalizes the order, downloads the chain, writes the Secret and attaches it in the
/// Ingress's spec.tls — in one activity, so the private key never enters orchestration history. Between
/// finalization and the attach the key waits in the private state container, so a crash anywhere in between
/// finishes the job on retry (each step is idempotent) instead of orphaning a certificate.
/// </summary>
public sealed partial class FinalizeAndStoreActivity(
    AcmeAccountRecovery acme,
    PendingKeyStore pendingKeys,
    TlsSecretWriter secretWriter,
    IngressTlsBinder tlsBinder,
    TlsReferenceReport tlsReference,
    DeployedCertificateReader deployedCertificates,
    SecretOwnerGuard secretOwners,
    ILogger<FinalizeAndStoreActivity> logger) : IssuanceActivity<FinalizeInput, FinalizeOutput>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(FinalizeAndStoreActivity);

    /// <inheritdoc />
    protected override Task<FinalizeOutput> RunStepAsync(TaskActivityContext context, FinalizeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return acme.RunAsync(input.Issuer, input.Certificate, client => FinalizeAsync(client, context.InstanceId, input), CancellationToken.None);
    }

    private async Task<FinalizeOutput> FinalizeAsync(CertFunctions.Acme.AcmeClient client, string instanceId, FinalizeInput input)
    {
        var ct = CancellationToken.None;
        var orderTask = client.GetOrderAsync(input.OrderUrl, ct);
        var keyTask = pendingKeys.ReadAsync(input.OrderUrl, ct);
        await Task.WhenAll(orderTask, keyTask).ConfigureAwait(false);
        var order = await orderTask.ConfigureAwait(false);
        var keyPem = await keyTask.ConfigureAwait(false);

        if (order.Status == AcmeStatus.Ready)
        {
            if (keyPem is null)
            {
                using var fresh = CertificateKey.Generate(ToAlgorithm(input.KeyType));
                keyPem = fresh.ExportPem();
                await pendingKeys.SaveAsync(input.OrderUrl, keyPem, instanceId, ct).ConfigureAwait(false);
            }

            using var key = CertificateKey.FromPem(keyPem);
            try
            {
                order = await client.FinalizeAsync(order, key.CreateCsr(input.Hosts), ct).ConfigureAwait(false);
            }
            catch (AcmeRateLimitedException ex)
            {
                Telemetry.IssuanceTelemetry.RateLimited(Name);
                return new FinalizeOutput(null, null, new RateLimitNotice(ex.RetryAfter ?? TimeSpan.FromHours(1), ex.Detail ?? ex.Message));
            }
        }

        if (order.Status is AcmeStatus.Processing or AcmeStatus.Pending)
        {
            order = await client.WaitForOrderAsync(input.OrderUrl, ct).ConfigureAwait(false);
        }

        if (order.Status != AcmeStatus.Valid || order.Certificate is null)
        {
            throw await client.GetOrderFailureAsync(order, ct).ConfigureAwait(false);
        }

        var chain = await client.DownloadCertificateAsync(order.Certificate, input.PreferredChain, ct).ConfigureAwait(false);
        var leaf = chain.Leaf;
        if (keyPem is null)
        {
            // A previous attempt stored and attached this certificate, then deleted the key, but did not report back.
            var deployed = await deployedCertificates.ReadAsync(input.Certificate, input.SecretName, ct).ConfigureAwait(false);
            if (deployed is null || !string.Equals(deployed.Serial, leaf.SerialNumber, StringComparison.OrdinalIgnoreCase))
            {
                throw new IssuanceFailedException(
                    $"The order {input.OrderUrl} was finalized, but its private key is not in storage; a new order is needed.");
            }

            await AttachAsync(input, ct).ConfigureAwait(false);
            var done = new TlsSecretSummary(deployed.Namespace, deployed.SecretName, deployed.DnsNames, deployed.Serial, deployed.NotBefore,
                deployed.NotAfter, deployed.Issuer, chain.Certificates.Count, false, false);
            return new FinalizeOutput(done, deployed.PlannedRenewal, null, TryAriCertificateId(leaf));
        }

        var ari = await TryGetRenewalInfoAsync(client, leaf).ConfigureAwait(false);
        // Whole seconds, as the Secret's annotation keeps it: a re-run that finds the certificate stored reads the plan
        // back from there and must report the same one.
        var planned = WholeSeconds(RenewalPolicy.PlannedRenewal(
            leaf.NotBefore.ToUniversalTime(),
            leaf.NotAfter.ToUniversalTime(),
            ari,
            RenewalPolicy.StableFraction(leaf.SerialNumber)));

        var summary = await secretWriter.WriteAsync(
            input.Certificate,
            input.SecretName,
            chain.Pem,
            keyPem,
            new TlsSecretMetadata(client.DirectoryUrl.AbsoluteUri, planned, input.Issuer ?? Issuers.AcmeIssuer.DefaultName),
            input.AdoptSecret,
            ct,
            secretOwners).ConfigureAwait(false);
        // The Secret holds the key now, so the pending copy can go while the Ingress is patched: if the attach fails,
        // the retry finds no pending key, recognises the stored certificate by its serial and attaches it.
        await Task.WhenAll(
            AttachAsync(input, ct),
            pendingKeys.DeleteAsync(input.OrderUrl, ct)).ConfigureAwait(false);
        LogStored(logger, input.Certificate, summary.Serial, summary.NotAfter);
        return new FinalizeOutput(summary, planned, null, TryAriCertificateId(leaf));
    }

    // A GitOps controller would put spec.tls back to what Git says: ask for the entry in Git instead of writing it.
    private async Task AttachAsync(FinalizeInput input, CancellationToken ct)
    {
        if (input.GitOps is null)
        {
            await tlsBinder.AttachAsync(input.Certificate, input.Hosts, input.SecretName, ct).ConfigureAwait(false);
        }
        else if (!input.TlsListed)
        {
            await tlsReference.ReportAsync(input.Certificate, input.GitOps, input.Hosts, input.SecretName, ct).ConfigureAwait(false);
        }
    }

    private async Task<RenewalWindow?> TryGetRenewalInfoAsync(CertFunctions.Acme.AcmeClient client, System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        try
        {
            var info = await client.GetRenewalInfoAsync(leaf, CancellationToken.None).ConfigureAwait(false);
            return info is null ? null : new RenewalWindow(info.WindowStart, info.WindowEnd);
        }
        catch (AcmeException ex)
        {
            // ARI is advice: without it the lifetime rule applies.
            LogAriUnavailable(logger, ex.Message);
            return null;
        }
    }

    private static string? TryAriCertificateId(System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        try
        {
            // Kept so the renewal order can name the certificate it replaces (RFC 9773 "replaces").
            return CertFunctions.Acme.Ari.AriCertificateId.From(leaf);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    private static CertificateKeyAlgorithm ToAlgorithm(CertificateKeyType type) => type switch
    {
        CertificateKeyType.EcdsaP256 => CertificateKeyAlgorithm.EcdsaP256,
        CertificateKeyType.EcdsaP384 => CertificateKeyAlgorithm.EcdsaP384,
        CertificateKeyType.Rsa2048 => CertificateKeyAlgorithm.Rsa2048,
        CertificateKeyType.Rsa3072 => CertificateKeyAlgorithm.Rsa3072,
        CertificateKeyType.Rsa4096 => CertificateKeyAlgorithm.Rsa4096,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown certificate key type."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored certificate for {Certificate}: serial {Serial}, valid until {NotAfter}")]
    private static partial void LogStored(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string serial, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "ARI renewal info unavailable, using the lifetime rule: {Reason}")]
    private static partial void LogAriUnavailable(ILogger logger, string reason);
}

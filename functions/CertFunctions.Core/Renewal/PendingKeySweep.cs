using CertFunctions.Core.Acme;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// Removes pending certificate keys their issuance no longer needs: keys older than <see cref="MinimumAge"/> whose
/// instance is not pending or running. An issuance ends without its own cleanup when an operator terminates it or its
/// failure report cannot be written; a private key must not stay in storage because of that.
/// </summary>
public sealed partial class PendingKeySweep(PendingKeyStore keys, ILogger<PendingKeySweep> logger)
{
    /// <summary>Younger keys are left alone, so a run that has just saved one and is not visible as running yet keeps it.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    /// <summary>Keys saved before they named their instance are kept past the longest wait of a run that holds one (a rate-limited finalize).</summary>
    public static readonly TimeSpan UnownedMinimumAge = IssueCertificateOrchestrator.MaxRateLimitWait + MinimumAge;

    /// <summary>Deletes the keys no running issuance owns; returns how many.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        var deleted = 0;
        foreach (var entry in await keys.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Written > now - (entry.Owner is null ? UnownedMinimumAge : MinimumAge))
            {
                continue;
            }

            if (entry.Owner is { } owner && await orchestrations.GetAsync(owner, cancellationToken).ConfigureAwait(false) is { IsActive: true })
            {
                continue;
            }

            if (await keys.DeleteAsync(entry, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
                LogKeyRemoved(logger, entry.Owner ?? "(unknown)", entry.Written);
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed a pending certificate key of instance {InstanceId}, written {Written:O}, which is no longer running")]
    private static partial void LogKeyRemoved(ILogger logger, string instanceId, DateTimeOffset written);
}

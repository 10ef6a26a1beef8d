using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// Drops the stored state of certificates whose Ingress or Gateway is gone or no longer opts in (or whose Gateway no longer
/// names that Secret), once per scan, so the list API does not report them forever (and, as they near their old expiry, as at risk).
/// </summary>
public sealed partial class StateRetirement(CertificateStateStore states, ILogger<StateRetirement> logger)
{
    /// <summary>A state written this recently is kept: its issuance may have started after the scan listed the Ingresses.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>Deletes the states of <paramref name="cluster"/> not in <paramref name="optedIn"/>; returns how many.</summary>
    /// <remarks>The gateway comes with the call: the Functions app makes it per invocation from its Durable client binding.</remarks>
    public async Task<int> RetireAsync(
        string cluster, IReadOnlySet<CertificateRef> optedIn, DateTimeOffset now, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        var retired = 0;
        foreach (var entry in await states.ListEntriesAsync(cluster, cancellationToken).ConfigureAwait(false))
        {
            if (optedIn.Contains(entry.Certificate) || entry.LastWritten > now - Grace)
            {
                continue;
            }

            var instance = await orchestrations.GetAsync(entry.Certificate.InstanceId, cancellationToken).ConfigureAwait(false);
            if (instance is { IsActive: true })
            {
                continue;
            }

            // A Gateway's run may be about to start the run of this Secret.
            if (entry.Certificate.IsGateway && entry.Certificate.Secret is not null
                && await orchestrations.GetAsync(entry.Certificate.WholeObject.InstanceId, cancellationToken).ConfigureAwait(false) is { IsActive: true })
            {
                continue;
            }

            await states.DeleteAsync(entry.Certificate, cancellationToken).ConfigureAwait(false);
            LogRetired(logger, entry.Certificate);
            retired++;
        }

        return retired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Certificate}: the Ingress or Gateway is gone or no longer opts in; its stored state is dropped (its Secret is left as it is)")]
    private static partial void LogRetired(ILogger logger, CertificateRef certificate);
}

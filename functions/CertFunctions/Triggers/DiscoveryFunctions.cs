using CertFunctions.Core.Discovery;
using CertFunctions.Core.Renewal;
using CertFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Triggers;

/// <summary>The discovery timer: the cheap, frequent safety net beside the admission webhook.</summary>
public sealed class DiscoveryFunctions
{
    /// <summary>Lists metadata, checks what changed, starts what is needed (schedule from the flat app setting <c>DiscoverySchedule</c>).</summary>
    [Function("DiscoveryTimer")]
    public static async Task DiscoveryTimer(
        [TimerTrigger(TimerScheduleOptions.DiscoveryScheduleExpression, RunOnStartup = false, UseMonitor = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var scanner = ActivatorUtilities.CreateInstance<DiscoveryScanner>(context.InstanceServices, new DurableTaskClientGateway(client));
        _ = await scanner.RunAsync(context.CancellationToken).ConfigureAwait(false);
    }
}

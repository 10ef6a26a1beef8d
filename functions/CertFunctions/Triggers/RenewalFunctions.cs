using CertFunctions.Core.Renewal;
using CertFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Triggers;

/// <summary>The renewal and discovery timer.</summary>
public sealed class RenewalFunctions
{
    /// <summary>Scans every cluster and starts the issuances that are due (schedule from the flat app setting <c>RenewalSchedule</c>).</summary>
    [Function("RenewalTimer")]
    public static async Task RenewalTimer(
        [TimerTrigger(TimerScheduleOptions.RenewalScheduleExpression, RunOnStartup = false, UseMonitor = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var scanner = ActivatorUtilities.CreateInstance<RenewalScanner>(context.InstanceServices, new DurableTaskClientGateway(client));
        _ = await scanner.ScanAsync(context.CancellationToken).ConfigureAwait(false);
    }
}

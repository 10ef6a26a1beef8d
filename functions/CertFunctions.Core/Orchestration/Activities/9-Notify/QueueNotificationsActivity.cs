using CertFunctions.Core.Hosting;
using CertFunctions.Core.Notifications;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// The issuance's last step: starts one delivery orchestration per event for the webhooks that want it, and returns.
/// Delivery (and its retries) runs apart, so the issuance's outcome is never held by a receiver. Safe to run twice:
/// the delivery's instance id is the event's, and an existing one is left alone. Needs an
/// <see cref="IOrchestrationGateway"/>, so hosts create it with theirs (it is not in <c>ActivityTypes</c>).
/// </summary>
public sealed class QueueNotificationsActivity(NotificationDispatcher dispatcher, IOrchestrationGateway orchestrations)
    : IssuanceActivity<QueueNotificationsInput, int>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(QueueNotificationsActivity);

    /// <inheritdoc />
    protected override async Task<int> RunStepAsync(TaskActivityContext context, QueueNotificationsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var queued = 0;
        foreach (var notification in input.Events)
        {
            if (await dispatcher.DispatchAsync(notification, orchestrations, CancellationToken.None).ConfigureAwait(false))
            {
                queued++;
            }
        }

        return queued;
    }
}

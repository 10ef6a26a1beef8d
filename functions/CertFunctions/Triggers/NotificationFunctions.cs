using CertFunctions.Core.Notifications;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Triggers;

/// <summary>Webhook notifications: the issuance's queueing step, the delivery orchestrator and its activities.</summary>
public sealed class NotificationFunctions
{
    /// <summary>Starts the delivery orchestrations of an issuance's outcome (needs the Durable client, hence its own binding).</summary>
    [Function(QueueNotificationsActivity.Name)]
    public static Task<int> QueueNotifications(
        [ActivityTrigger] QueueNotificationsInput input, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var activity = ActivatorUtilities.CreateInstance<QueueNotificationsActivity>(context.InstanceServices, new DurableTaskClientGateway(client));
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
        return activity.RunAsync(new FunctionActivityContext(QueueNotificationsActivity.Name, instanceId), input);
    }

    /// <summary>Delivers one event to each webhook that wants it, with retries, apart from the issuance.</summary>
    [Function(DeliverNotificationsOrchestrator.Name)]
    public static Task<NotificationDeliveryReport> DeliverNotifications([OrchestrationTrigger] TaskOrchestrationContext context)
        => new DeliverNotificationsOrchestrator().RunAsync(context, context.GetInput<NotificationDelivery>()!);

    /// <summary>Posts one event to one webhook.</summary>
    [Function(DeliverNotificationActivity.Name)]
    public static Task<WebhookDeliveryResult> DeliverNotification([ActivityTrigger] WebhookDelivery input, FunctionContext context)
        => ActivityRunner.RunAsync<DeliverNotificationActivity, WebhookDelivery, WebhookDeliveryResult>(context, DeliverNotificationActivity.Name, input);

    /// <summary>Keeps what a delivery could not deliver, for a redelivery.</summary>
    [Function(RecordUndeliveredActivity.Name)]
    public static Task<int> RecordUndelivered([ActivityTrigger] RecordUndeliveredInput input, FunctionContext context)
        => ActivityRunner.RunAsync<RecordUndeliveredActivity, RecordUndeliveredInput, int>(context, RecordUndeliveredActivity.Name, input);
}

using System.Collections.Concurrent;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Notifications;
using CertFunctions.Core.Orchestration.Activities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>Both notification activities run twice with the same input give the same outcome: one delivery, one event id.</summary>
public sealed class NotificationIdempotenceTests : IAsyncLifetime
{
    private NotificationTestHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationTestHost.StartAsync(receiver => new()
    {
        ["Notifications:Webhooks:events:Url"] = receiver.UrlOf("/events"),
        ["Notifications:Webhooks:failures:Url"] = receiver.UrlOf("/failures"),
        ["Notifications:Webhooks:failures:Events"] = "failed",
    });

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Queueing_the_same_events_twice_starts_one_delivery_per_event_for_the_webhooks_that_want_it()
    {
        var gateway = new StartOnceGateway();
        var activity = new QueueNotificationsActivity(_host.Services.GetRequiredService<NotificationDispatcher>(), gateway);
        var input = new QueueNotificationsInput([NotificationSamples.Renewed(), NotificationSamples.Failed()]);

        Assert.Equal(2, await activity.RunAsync(null!, input));
        Assert.Equal(2, await activity.RunAsync(null!, input));

        Assert.Equal(2, gateway.Starts.Count);
        var renewed = gateway.Starts[NotificationDispatcher.InstanceIdFor(NotificationSamples.Renewed())];
        Assert.Equal(["events"], renewed.Webhooks);
        var failed = gateway.Starts[NotificationDispatcher.InstanceIdFor(NotificationSamples.Failed())];
        Assert.Equal(["events", "failures"], failed.Webhooks);
    }

    [Fact]
    public async Task Delivering_twice_sends_the_same_body_with_the_same_cloudevents_id()
    {
        var activity = _host.Services.GetRequiredService<DeliverNotificationActivity>();
        var delivery = new WebhookDelivery(NotificationSamples.Failed(), "events");

        var first = await activity.RunAsync(null!, delivery);
        var second = await activity.RunAsync(null!, delivery);

        Assert.Equal(first, second);
        Assert.True(first.Delivered);
        var bodies = _host.Receiver.Received.Select(r => r.Body).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(NotificationSamples.Failed().Id, (string?)_host.Receiver.Received[0].Json["id"]);
    }

    /// <summary>Records starts; an instance once started exists (completed) from then on.</summary>
    private sealed class StartOnceGateway : IOrchestrationGateway
    {
        public ConcurrentDictionary<string, NotificationDelivery> Starts { get; } = new();

        public Task<OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
        {
            Assert.Equal(DeliverNotificationsOrchestrator.Name, orchestratorName);
            Assert.True(Starts.TryAdd(instanceId, (NotificationDelivery)input!), $"{instanceId} started twice");
            return Task.FromResult(new OrchestrationStartResult(instanceId, true, null));
        }

        public Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
            Task.FromResult(Starts.ContainsKey(instanceId)
                ? new OrchestrationSnapshot(instanceId, DeliverNotificationsOrchestrator.Name, OrchestrationState.Completed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null, null)
                : null);

        public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

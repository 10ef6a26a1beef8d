using System.Collections.Concurrent;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Notifications;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Testing.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>Both notification activities run twice with the same input give the same outcome: one delivery, one event id.</summary>
public sealed class NotificationIdempotenceTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:events:Url"] = _receiver.UrlOf("/events"),
            ["Notifications:Webhooks:failures:Url"] = _receiver.UrlOf("/failures"),
            ["Notifications:Webhooks:failures:Events"] = "failed",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddCertFunctionsNotifications(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Queueing_the_same_events_twice_starts_one_delivery_per_event_for_the_webhooks_that_want_it()
    {
        var gateway = new StartOnceGateway();
        var activity = new QueueNotificationsActivity(_services.GetRequiredService<NotificationDispatcher>(), gateway);
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
        var activity = _services.GetRequiredService<DeliverNotificationActivity>();
        var delivery = new WebhookDelivery(NotificationSamples.Failed(), "events");

        var first = await activity.RunAsync(null!, delivery);
        var second = await activity.RunAsync(null!, delivery);

        Assert.Equal(first, second);
        Assert.True(first.Delivered);
        var bodies = _receiver.Received.Select(r => r.Body).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(NotificationSamples.Failed().Id, (string?)_receiver.Received[0].Json["id"]);
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

using System.Text.Json.Nodes;
using CertFunctions.Core.Http;
using CertFunctions.Core.Notifications;
using CertFunctions.Core.Storage;
using CertFunctions.Core.Telemetry;
using CertFunctions.Core.Tests.Renewal;
using CertFunctions.Testing.Storage;
using CertFunctions.Testing.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>What a webhook did not take is kept in real storage (Azurite), listed, and redelivered once, never lost to a race.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UndeliveredNotificationTests : IDisposable
{
    private static readonly DateTimeOffset FailedAt = new(2026, 12, 5, 12, 30, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services;
    private readonly UndeliveredNotificationStore _store;
    private readonly ScanTestGateway _gateway = new();
    private readonly UndeliveredNotificationsApi _api;

    public UndeliveredNotificationTests(AzuriteFixture azurite)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        _services = services.BuildServiceProvider();
        var storage = Options.Create(new StorageOptions { StateContainer = "state-" + Guid.NewGuid().ToString("N")[..10] });
        _store = new UndeliveredNotificationStore(new BlobContainers(new BlobServiceClientFactory(configuration, storage, _services.GetRequiredService<AzureComponentFactory>()), storage));
        _api = new UndeliveredNotificationsApi(_gateway, _store, new PublicBaseUrl(configuration), NullLogger<UndeliveredNotificationsApi>.Instance);
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Recording_the_same_failure_twice_keeps_one_record_with_the_same_content()
    {
        var activity = new RecordUndeliveredActivity(_store, NullLogger<RecordUndeliveredActivity>.Instance);
        var input = new RecordUndeliveredInput([Refused("ops"), Refused("audit")]);

        Assert.Equal(2, await activity.RunAsync(null!, input));
        var first = (await _store.ListAsync(10, CancellationToken.None)).Items;
        Assert.Equal(2, await activity.RunAsync(null!, input));
        var second = (await _store.ListAsync(10, CancellationToken.None)).Items;

        Assert.Equal(2, second.Count);
        Assert.Equal(first.Select(s => s.Notification.Id), second.Select(s => s.Notification.Id));
        Assert.Equal(input.Notifications.OrderBy(n => n.Id, StringComparer.Ordinal).Select(Comparable), second.Select(s => Comparable(s.Notification)));
    }

    [Fact]
    public async Task Each_kept_record_counts_as_a_refused_or_unreachable_delivery_of_its_webhook_and_event()
    {
        var refusedBy = "refusing-" + Guid.NewGuid().ToString("N")[..8];
        var missedBy = "down-" + Guid.NewGuid().ToString("N")[..8];
        using var metrics = new MeasurementRecorder(TelemetryNames.Meter);

        var activity = new RecordUndeliveredActivity(_store, NullLogger<RecordUndeliveredActivity>.Instance);
        await activity.RunAsync(null!, new RecordUndeliveredInput([Refused(refusedBy), Refused(missedBy) with { StatusCode = null, Reason = "unreachable" }]));

        const string instrument = "certfunctions.notification.deliveries";
        var refused = Assert.Single(metrics.Of(instrument, (TelemetryTags.Webhook, refusedBy)));
        Assert.Equal(1, refused.Value);
        Assert.Equal("refused", refused.Tags[TelemetryTags.Result]);
        Assert.Equal("failed", refused.Tags[TelemetryTags.NotificationEvent]);
        var missed = Assert.Single(metrics.Of(instrument, (TelemetryTags.Webhook, missedBy)));
        Assert.Equal("unreachable", missed.Tags[TelemetryTags.Result]);
    }

    [Fact]
    public async Task The_list_shows_each_record_with_its_event_webhook_reason_and_redeliver_url()
    {
        var refused = Refused("ops");
        await _store.SaveAsync(refused, CancellationToken.None);

        var (status, body) = await InvokeAsync(_api.ListAsync);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal(1, (int)body["count"]!);
        Assert.Equal(1, (int)body["total"]!);
        var item = body["items"]![0]!;
        Assert.Equal(refused.Id, (string?)item["id"]);
        Assert.Equal(NotificationSamples.Failed().Id, (string?)item["eventId"]);
        Assert.Equal("failed", (string?)item["event"]);
        Assert.Equal("prod/shop/web", (string?)item["certificate"]);
        Assert.Equal("ops", (string?)item["webhook"]);
        Assert.Equal(410, (int?)item["statusCode"]);
        Assert.Equal("The receiver answered 410 Gone; not retried.", (string?)item["reason"]);
        Assert.EndsWith($"/api/notifications/undelivered/{refused.Id}/redeliver", (string?)item["redeliverUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_reads_at_most_the_limit_and_says_how_many_are_kept()
    {
        await SaveRefusedAsync("a", "b", "c");

        var (status, body) = await InvokeAsync(_api.ListAsync, "?limit=2");

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal(2, (int)body["count"]!);
        Assert.Equal(3, (int)body["total"]!);
        Assert.Equal(2, body["items"]!.AsArray().Count);
        var page = await _store.ListAsync(0, CancellationToken.None);
        Assert.Equal(3, page.Total);
        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?limit=-1")]
    [InlineData("?limit=ten")]
    public async Task A_limit_out_of_range_answers_400_problem_json_and_redelivers_nothing(string query)
    {
        await _store.SaveAsync(Refused("ops"), CancellationToken.None);

        foreach (var handler in new Func<HttpContext, Task>[] { _api.ListAsync, _api.RedeliverAllAsync })
        {
            var (status, problem) = await InvokeAsync(handler, query);
            Assert.Equal(StatusCodes.Status400BadRequest, status);
            Assert.Equal("Invalid limit", (string?)problem["title"]);
        }

        Assert.Empty(_gateway.Notifications);
        Assert.Single((await _store.ListAsync(10, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_redelivery_starts_one_delivery_of_the_same_event_to_its_webhook_and_removes_the_record()
    {
        var refused = Refused("ops");
        await _store.SaveAsync(refused, CancellationToken.None);

        var (status, body) = await InvokeAsync(context => _api.RedeliverAsync(context, refused.Id));

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal(UndeliveredNotificationsApi.RedeliveryInstanceId(refused), (string?)body["instanceId"]);
        var delivery = Assert.Single(_gateway.Notifications);
        Assert.Equal(Comparable(refused.Event), Comparable(delivery.Event));
        Assert.Equal(["ops"], delivery.Webhooks);
        Assert.Empty((await _store.ListAsync(10, CancellationToken.None)).Items);

        var (again, problem) = await InvokeAsync(context => _api.RedeliverAsync(context, refused.Id));
        Assert.Equal(StatusCodes.Status404NotFound, again);
        Assert.Equal("Undelivered notification not found", (string?)problem["title"]);
        Assert.Single(_gateway.Notifications);
    }

    [Fact]
    public async Task Redelivering_the_oldest_starts_one_delivery_each_up_to_the_limit_and_says_how_many_are_left()
    {
        await SaveRefusedAsync("a", "b", "c");

        var (status, first) = await InvokeAsync(_api.RedeliverAllAsync, "?limit=2");

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal(2, (int)first["started"]!);
        Assert.Equal(1, (int)first["remaining"]!);
        Assert.Single((await _store.ListAsync(10, CancellationToken.None)).Items);

        var (_, second) = await InvokeAsync(_api.RedeliverAllAsync);
        Assert.Equal(1, (int)second["started"]!);
        Assert.Equal(0, (int)second["remaining"]!);
        Assert.Empty((await _store.ListAsync(10, CancellationToken.None)).Items);
        Assert.Equal(["a", "b", "c"], _gateway.Notifications.Select(d => Assert.Single(d.Webhooks)).Order(StringComparer.Ordinal));

        var (_, none) = await InvokeAsync(_api.RedeliverAllAsync);
        Assert.Equal(0, (int)none["started"]!);
        Assert.Equal(3, _gateway.Notifications.Count);
    }

    [Fact]
    public async Task A_record_whose_delivery_already_started_is_removed_without_a_second_delivery()
    {
        // The first request started the delivery and stopped before removing the record.
        var refused = Refused("ops");
        await _store.SaveAsync(refused, CancellationToken.None);
        _gateway.States[UndeliveredNotificationsApi.RedeliveryInstanceId(refused)] = Hosting.OrchestrationState.Running;

        var (status, _) = await InvokeAsync(context => _api.RedeliverAsync(context, refused.Id));

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Empty(_gateway.Notifications);
        Assert.Empty((await _store.ListAsync(10, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_record_a_newer_failure_rewrote_after_it_was_read_is_kept()
    {
        var refused = Refused("ops");
        await _store.SaveAsync(refused, CancellationToken.None);
        var read = (await _store.ReadAsync(refused.Id, CancellationToken.None))!;

        await _store.SaveAsync(refused with { FailedAt = FailedAt.AddHours(7), StatusCode = null, Reason = "unreachable" }, CancellationToken.None);

        Assert.False(await _store.DeleteIfUnchangedAsync(read, CancellationToken.None));
        var kept = Assert.Single((await _store.ListAsync(10, CancellationToken.None)).Items);
        Assert.Equal("unreachable", kept.Notification.Reason);
        Assert.True(await _store.DeleteIfUnchangedAsync(kept, CancellationToken.None));
        Assert.Empty((await _store.ListAsync(10, CancellationToken.None)).Items);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("../../certificates/state")]
    public async Task An_unknown_or_malformed_id_answers_404_and_starts_nothing(string id)
    {
        var (status, problem) = await InvokeAsync(context => _api.RedeliverAsync(context, id));

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal(404, (int?)problem["status"]);
        Assert.Empty(_gateway.Notifications);
    }

    [Fact]
    public void The_record_id_is_stable_hex_and_differs_per_webhook()
    {
        var id = UndeliveredNotification.IdFor("event-1", "ops");
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, UndeliveredNotification.IdFor("event-1", "ops"));
        Assert.NotEqual(id, UndeliveredNotification.IdFor("event-1", "audit"));
        Assert.NotEqual(id, UndeliveredNotification.IdFor("event-2", "ops"));
    }

    private async Task SaveRefusedAsync(params string[] webhooks)
    {
        foreach (var webhook in webhooks)
        {
            await _store.SaveAsync(Refused(webhook), CancellationToken.None);
        }
    }

    private static UndeliveredNotification Refused(string webhook)
    {
        var notification = NotificationSamples.Failed();
        return new UndeliveredNotification(
            UndeliveredNotification.IdFor(notification.Id, webhook), notification, webhook, 410, "The receiver answered 410 Gone; not retried.", FailedAt);
    }

    private static string Comparable<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, System.Text.Json.JsonSerializerOptions.Web);

    private static async Task<(int Status, JsonNode Body)> InvokeAsync(Func<HttpContext, Task> handler, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Response.Body = new MemoryStream();
        await handler(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonNode.Parse(context.Response.Body)!);
    }
}

using System.Net;
using CertFunctions.Core.Notifications;
using CertFunctions.Core.Telemetry;
using CertFunctions.Testing.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>The sender against a real local receiver: 2xx delivered, 4xx refused without a retry, 5xx and refused connections retried.</summary>
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private NotificationTestHost _host = null!;

    public async Task InitializeAsync() => _host = await NotificationTestHost.StartAsync(receiver => new()
    {
        ["Notifications:Webhooks:chat:Url"] = receiver.UrlOf("/services/T000/B000/secret-part"),
        ["Notifications:Webhooks:chat:Format"] = "Slack",
    });

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_2xx_is_delivered_with_the_format_of_the_webhook_and_counted()
    {
        using var metrics = new MeasurementRecorder(TelemetryNames.Meter);
        var result = await Sender.SendAsync("chat", NotificationSamples.Failed(), CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Equal(200, result.StatusCode);
        var received = Assert.Single(_host.Receiver.Received);
        Assert.Equal("/services/T000/B000/secret-part", received.Path);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.NotNull(received.Json["blocks"]);
        var counted = Assert.Single(metrics.Of("certfunctions.notification.deliveries", (TelemetryTags.Webhook, "chat")));
        Assert.Equal("delivered", counted.Tags[TelemetryTags.Result]);
        Assert.Equal("failed", counted.Tags[TelemetryTags.NotificationEvent]);
    }

    [Fact]
    public async Task A_4xx_is_returned_as_refused_not_thrown_so_it_is_not_retried()
    {
        _host.Receiver.Answer("/services/T000/B000/secret-part", HttpStatusCode.NotFound);

        var result = await Sender.SendAsync("chat", NotificationSamples.Failed(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal(404, result.StatusCode);
        Assert.Single(_host.Receiver.Received);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_5xx_or_429_throws_a_transient_failure_without_the_url(HttpStatusCode status)
    {
        _host.Receiver.Answer("/services/T000/B000/secret-part", status);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sender.SendAsync("chat", NotificationSamples.Failed(), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains("Webhook chat answered", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_is_down_throws_a_transient_failure_without_the_url()
    {
        await _host.Receiver.CloseAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sender.SendAsync("chat", NotificationSamples.Failed(), CancellationToken.None));

        Assert.Contains("Webhook chat could not be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", error.ToString(), StringComparison.Ordinal);
        Assert.True(CertFunctions.Core.Orchestration.TransientFailures.IsTransient(new Microsoft.DurableTask.TaskFailureDetails(typeof(HttpRequestException).FullName!, error.Message, null, null, null)));
    }

    private WebhookSender Sender => _host.Services.GetRequiredService<WebhookSender>();
}

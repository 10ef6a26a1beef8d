using CertFunctions.Core.Notifications;
using CertFunctions.Testing.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>A real local webhook receiver and the notification services, configured by the test to post to it.</summary>
internal sealed class NotificationTestHost : IAsyncDisposable
{
    private NotificationTestHost(WebhookReceiver receiver, ServiceProvider services)
    {
        Receiver = receiver;
        Services = services;
    }

    /// <summary>The receiver the webhooks point at.</summary>
    public WebhookReceiver Receiver { get; }

    /// <summary>The notification services, bound from the test's settings.</summary>
    public ServiceProvider Services { get; }

    /// <summary>Starts the receiver, then builds the services from <paramref name="settings"/> (which may name the receiver's URLs).</summary>
    public static async Task<NotificationTestHost> StartAsync(Func<WebhookReceiver, Dictionary<string, string?>> settings)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings(receiver)).Build();
        return new NotificationTestHost(receiver, new ServiceCollection().AddLogging().AddCertFunctionsNotifications(configuration).BuildServiceProvider());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

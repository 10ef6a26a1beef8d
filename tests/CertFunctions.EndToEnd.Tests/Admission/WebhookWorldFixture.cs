using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.EndToEnd.Tests.Admission;

/// <summary>One <see cref="WebhookWorld"/> for the admission webhook tests.</summary>
public sealed class WebhookWorldFixture : IAsyncLifetime
{
    /// <summary>The world, once started.</summary>
    public WebhookWorld Webhook { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Webhook = await WebhookWorld.StartAsync(options: new LocalWorldOptions
    {
        // A second CA as the issuer "production", for an issuer switched with kubectl alone.
        SecondPebble = PebbleOptions.Default,
        SecondIssuerNames = ["production"],
    });

    /// <inheritdoc />
    public async Task DisposeAsync() => await Webhook.DisposeAsync();
}

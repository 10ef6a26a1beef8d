using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Admission;

/// <summary>One <see cref="WebhookWorld"/> for the admission webhook tests.</summary>
public sealed class WebhookWorldFixture : IAsyncLifetime
{
    /// <summary>The world, once started.</summary>
    public WebhookWorld Webhook { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Webhook = await WebhookWorld.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await Webhook.DisposeAsync();
}

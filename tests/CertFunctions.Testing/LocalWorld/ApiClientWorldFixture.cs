using System.Net;
using CertFunctions.Testing.Pebble;
using CertFunctions.Testing.Webhooks;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>
/// A local world for the API's clients (the CLI, the dashboard): the host requires an API key, as function keys do
/// in Azure, and every issuance pauses after routing its challenge (self-check Wait mode), so a client has steps to
/// show and a running operation to cancel, and a renewal too, since Pebble reuses no authorization. Failed issuances
/// notify the webhook <see cref="RefusingWebhook"/>, whose receiver answers 410 until a test says otherwise, so each
/// one leaves an undelivered notification for the clients to list and redeliver.
/// </summary>
public sealed class ApiClientWorldFixture : IAsyncLifetime
{
    /// <summary>The key the host requires in <c>x-functions-key</c>.</summary>
    public const string ApiKey = "test-function-key-5b1f0c";

    /// <summary>How long each issuance holds after routing its challenge.</summary>
    public static readonly TimeSpan HoldAfterRouting = TimeSpan.FromSeconds(6);

    /// <summary>The webhook told of failed issuances.</summary>
    public const string RefusingWebhook = "ops";

    /// <summary>The receiver's path of <see cref="RefusingWebhook"/>.</summary>
    public const string RefusingPath = "/ops";

    private LocalWorld? _world;

    /// <summary>The receiver of <see cref="RefusingWebhook"/>; it answers 410 on <see cref="RefusingPath"/> by default.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>The running world.</summary>
    public LocalWorld World => _world ?? throw new InvalidOperationException("The local world is not started.");

    /// <summary>The running local host; its <see cref="LocalHostProcess.Http"/> client sends the key.</summary>
    public LocalHostProcess Host => World.Host ?? throw new InvalidOperationException("The local host is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Receiver.Answer(RefusingPath, HttpStatusCode.Gone);
        _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            // A renewal presents its challenges again rather than reusing the last order's valid authorizations.
            Pebble = PebbleOptions.Default with { AuthorizationReusePercent = 0 },
            Settings = new Dictionary<string, string>
            {
                ["Local:ApiKey"] = ApiKey,
                ["SelfCheck:Mode"] = "Wait",
                ["SelfCheck:WaitDuration"] = HoldAfterRouting.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                [$"Notifications:Webhooks:{RefusingWebhook}:Url"] = Receiver.UrlOf(RefusingPath),
                [$"Notifications:Webhooks:{RefusingWebhook}:Events"] = "failed",
            },
        });
        Host.Http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }
}

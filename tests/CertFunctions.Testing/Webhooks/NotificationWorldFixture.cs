using System.Net;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.Testing.Webhooks;

/// <summary>
/// A local world whose host sends notifications to a real <see cref="WebhookReceiver"/>: one webhook per format
/// (<c>cloudevents</c>, <c>slack</c>, <c>teams</c>, all events) and <c>refusing</c>, whose path answers 400.
/// </summary>
public sealed class NotificationWorldFixture : IAsyncLifetime
{
    /// <summary>The receiver's path of each webhook, by webhook name.</summary>
    public static readonly IReadOnlyDictionary<string, (string Path, string Format)> Webhooks = new Dictionary<string, (string, string)>
    {
        ["cloudevents"] = ("/cloudevents", "CloudEvents"),
        ["slack"] = ("/slack", "Slack"),
        ["teams"] = ("/teams", "Teams"),
        ["refusing"] = ("/refusing", "CloudEvents"),
    };

    private LocalWorld.LocalWorld? _world;

    /// <summary>The receiver every webhook points at.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>The running world.</summary>
    public LocalWorld.LocalWorld World => _world ?? throw new InvalidOperationException("The local world is not started.");

    /// <summary>The running local host.</summary>
    public LocalHostProcess Host => World.Host ?? throw new InvalidOperationException("The local host is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Receiver.Answer(Webhooks["refusing"].Path, HttpStatusCode.BadRequest);
        var settings = new Dictionary<string, string>();
        foreach (var (name, (path, format)) in Webhooks)
        {
            settings[$"Notifications:Webhooks:{name}:Url"] = Receiver.UrlOf(path);
            settings[$"Notifications:Webhooks:{name}:Format"] = format;
        }

        _world = await LocalWorld.LocalWorld.StartAsync(new LocalWorldOptions { Settings = settings });
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

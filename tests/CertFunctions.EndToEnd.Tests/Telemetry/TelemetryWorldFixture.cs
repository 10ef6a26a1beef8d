using System.Text.Json.Nodes;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Telemetry;

namespace CertFunctions.EndToEnd.Tests.Telemetry;

/// <summary>
/// A local world whose host has an API key and exports OTLP to a real receiver, with one issuance done: the telemetry
/// tests read what that issuance left in the scrape endpoint and in the exports.
/// </summary>
public sealed class TelemetryWorldFixture : IAsyncLifetime
{
    /// <summary>The host's API key.</summary>
    public const string ApiKey = "telemetry-test-key";

    /// <summary>The Ingress issued for.</summary>
    public const string Ingress = "observed";

    private LocalWorld? _world;
    private OtlpReceiver? _receiver;

    /// <summary>The world.</summary>
    public LocalWorld World => _world ?? throw new InvalidOperationException("not started");

    /// <summary>The OTLP receiver.</summary>
    public OtlpReceiver Receiver => _receiver ?? throw new InvalidOperationException("not started");

    /// <summary>The namespace of the Ingress.</summary>
    public string Namespace { get; private set; } = string.Empty;

    /// <summary>The finished operation.</summary>
    public JsonObject Operation { get; private set; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Local:ApiKey"] = ApiKey,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            },
        });
        var host = World.Host!;
        host.Http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        Namespace = await E2E.SeedIngressAsync(World, Ingress, ["observed.telemetry.example.test"]);
        Operation = await E2E.WaitForOperationAsync(host, await E2E.RequestAsync(host, Namespace, Ingress));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}

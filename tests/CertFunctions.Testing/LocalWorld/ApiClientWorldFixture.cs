using CertFunctions.Testing.Pebble;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>
/// A local world for the API's clients (the CLI, the dashboard): the host requires an API key, as function keys do
/// in Azure, and every issuance pauses after routing its challenge (self-check Wait mode), so a client has steps to
/// show and a running operation to cancel, and a renewal too, since Pebble reuses no authorization.
/// </summary>
public sealed class ApiClientWorldFixture : IAsyncLifetime
{
    /// <summary>The key the host requires in <c>x-functions-key</c>.</summary>
    public const string ApiKey = "test-function-key-5b1f0c";

    /// <summary>How long each issuance holds after routing its challenge.</summary>
    public static readonly TimeSpan HoldAfterRouting = TimeSpan.FromSeconds(6);

    private LocalWorld? _world;

    /// <summary>The running world.</summary>
    public LocalWorld World => _world ?? throw new InvalidOperationException("The local world is not started.");

    /// <summary>The running local host; its <see cref="LocalHostProcess.Http"/> client sends the key.</summary>
    public LocalHostProcess Host => World.Host ?? throw new InvalidOperationException("The local host is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            // A renewal presents its challenges again rather than reusing the last order's valid authorizations.
            Pebble = PebbleOptions.Default with { AuthorizationReusePercent = 0 },
            Settings = new Dictionary<string, string>
            {
                ["Local:ApiKey"] = ApiKey,
                ["SelfCheck:Mode"] = "Wait",
                ["SelfCheck:WaitDuration"] = HoldAfterRouting.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
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
    }
}

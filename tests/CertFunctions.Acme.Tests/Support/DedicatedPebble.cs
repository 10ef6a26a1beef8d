using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Support;

/// <summary>Starts a Pebble with its own options for one test class and stops it afterwards.</summary>
public abstract class DedicatedPebble(PebbleOptions options) : IAsyncLifetime
{
    private PebbleFixture? _pebble;

    public PebbleFixture Pebble => _pebble ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _pebble = await PebbleFixture.StartAsync(options);

    public async Task DisposeAsync()
    {
        if (_pebble is not null)
        {
            await _pebble.DisposeAsync();
        }
    }
}

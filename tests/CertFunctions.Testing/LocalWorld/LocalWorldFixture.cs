namespace CertFunctions.Testing.LocalWorld;

/// <summary>One <see cref="LocalWorld"/> shared by a test collection; tests isolate themselves by namespace.</summary>
public sealed class LocalWorldFixture : IAsyncLifetime
{
    private LocalWorld? _world;

    /// <summary>The running world.</summary>
    public LocalWorld World => _world ?? throw new InvalidOperationException("The local world is not started.");

    /// <summary>The running local host.</summary>
    public LocalHostProcess Host => World.Host ?? throw new InvalidOperationException("The local host is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _world = await LocalWorld.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}

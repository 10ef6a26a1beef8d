using CertFunctions.Testing.Pebble;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>How to start the local world.</summary>
public sealed record LocalWorldOptions
{
    /// <summary>Pebble's options (the validation port is chosen by the world).</summary>
    public PebbleOptions Pebble { get; init; } = PebbleOptions.Default;

    /// <summary>YAML files seeded into the emulator at start.</summary>
    public IList<string> SeedPaths { get; init; } = [];

    /// <summary>Extra or overriding settings for the local host.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Start the local host too (false: only the services).</summary>
    public bool StartHost { get; init; } = true;

    /// <summary>A fixed port for the local host (0: a free one).</summary>
    public int HostPort { get; init; }

    /// <summary>
    /// Run the product as the service account <c>infra/k8s/rbac.yaml</c> binds (true, the default), so a verb missing there
    /// fails a test as it would fail in a cluster; false runs it as the emulator's admin.
    /// </summary>
    public bool ProductUsesInfraRbac { get; init; } = true;

    /// <summary>Where Azurite writes its request log (null: no log); for counting the storage calls of a run.</summary>
    public string? AzuriteDebugLogPath { get; init; }
}

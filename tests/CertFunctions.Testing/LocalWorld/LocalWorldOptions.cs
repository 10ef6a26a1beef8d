using CertFunctions.Testing.Pebble;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>How to start the local world.</summary>
public sealed record LocalWorldOptions
{
    /// <summary>Pebble's options (the validation port is chosen by the world).</summary>
    public PebbleOptions Pebble { get; init; } = PebbleOptions.Default;

    /// <summary>
    /// A second CA (another Pebble on the same validation port, so the same routing front serves both). When set, the
    /// host runs with named issuers: <c>default</c> is the first Pebble, each of <see cref="SecondIssuerNames"/> this one (add
    /// EAB or other settings per name through <see cref="Settings"/>); when null, the single-issuer <c>Acme:*</c> settings.
    /// </summary>
    public PebbleOptions? SecondPebble { get; init; }

    /// <summary>The issuer names that use <see cref="SecondPebble"/> (each with its own account and settings).</summary>
    public IReadOnlyList<string> SecondIssuerNames { get; init; } = ["second"];

    /// <summary>YAML files seeded into the emulator at start.</summary>
    public IList<string> SeedPaths { get; init; } = [];

    /// <summary>Extra or overriding settings for the local host.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Start the local host too (false: only the services).</summary>
    public bool StartHost { get; init; } = true;

    /// <summary>A fixed port for the local host (0: a free one).</summary>
    public int HostPort { get; init; }

    /// <summary>
    /// Which of infra/k8s's RBAC variants the product runs under, as the service account of rbac-serviceaccount.yaml, so
    /// a verb missing there fails a test as it would fail in a cluster (default: the cluster-wide rbac.yaml).
    /// </summary>
    public ProductRbac ProductRbac { get; init; } = ProductRbac.ClusterWide;

    /// <summary>Where Azurite writes its request log (null: no log); for counting the storage calls of a run.</summary>
    public string? AzuriteDebugLogPath { get; init; }
}

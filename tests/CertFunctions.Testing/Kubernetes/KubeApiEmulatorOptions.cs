namespace CertFunctions.Testing.Kubernetes;

/// <summary>How <see cref="KubeApiEmulatorFixture"/> starts the emulator.</summary>
public sealed class KubeApiEmulatorOptions
{
    /// <summary>Port of the HTTP routing front (pass Pebble's validation port); 0 picks a free one.</summary>
    public int FrontPort { get; init; }

    /// <summary>Port of the HTTPS API; 0 picks a free one.</summary>
    public int ApiPort { get; init; }

    /// <summary>The bearer token; a random one when null.</summary>
    public string? Token { get; init; }

    /// <summary>YAML files or folders loaded at start.</summary>
    public IList<string> SeedPaths { get; init; } = [];

    /// <summary>Upstream URLs for ClusterIP Services behind the front, keyed "namespace/service".</summary>
    public IDictionary<string, Uri> Upstreams { get; init; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>Reject Exact/Prefix Ingress paths with characters other than [A-Za-z0-9_-/], as ingress-nginx's admission webhook does.</summary>
    public bool IngressNginxStrictPaths { get; init; }

    /// <summary>Log every request to the emulator's output (see <see cref="KubeApiEmulatorFixture.RecentOutput"/>).</summary>
    public bool Verbose { get; init; } = true;
}

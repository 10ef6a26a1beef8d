namespace KubeApiEmulator.Options;

/// <summary>Settings of one emulator process, taken from the command line.</summary>
internal sealed class EmulatorOptions
{
    /// <summary>HTTPS port of the API (0 picks a free one).</summary>
    public int ApiPort { get; set; }

    /// <summary>HTTP port of the ingress-like routing front (0 picks a free one).</summary>
    public int FrontPort { get; set; }

    /// <summary>Where to write a kubeconfig for the running emulator, if anywhere.</summary>
    public string? KubeconfigOut { get; set; }

    /// <summary>The bearer token clients must present.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>A --token-auth-file style file (token,user,uid,"groups") of more users, or null.</summary>
    public string? TokensFile { get; set; }

    /// <summary>YAML files or folders of YAML files to load at start.</summary>
    public List<string> SeedPaths { get; } = [];

    /// <summary>Upstream URLs for Services, keyed "namespace/service".</summary>
    public Dictionary<string, Uri> Upstreams { get; } = new(StringComparer.Ordinal);

    /// <summary>Accept any certificate from an HTTPS upstream.</summary>
    public bool InsecureUpstreamTls { get; set; } = true;

    /// <summary>Reject Exact/Prefix Ingress paths the way ingress-nginx's admission webhook does with strict path validation.</summary>
    public bool IngressNginxStrictPaths { get; set; }

    /// <summary>The GatewayClass controllerNames the emulator's Gateway controller acts for (empty: none).</summary>
    public List<string> GatewayControllerNames { get; } = [];

    /// <summary>The Gateway listener port whose HTTP traffic the routing front port serves.</summary>
    public int GatewayFrontListenerPort { get; set; } = 80;

    /// <summary>
    /// Local ports for Gateway listener ports, keyed by listener port (0: a free port picked when first needed).
    /// Listener ports not named here are served on themselves, except privileged ones (below 1024), which get a free port.
    /// </summary>
    public Dictionary<int, int> GatewayListenerPorts { get; } = [];

    /// <summary>Log each request at Information level.</summary>
    public bool Verbose { get; set; }
}

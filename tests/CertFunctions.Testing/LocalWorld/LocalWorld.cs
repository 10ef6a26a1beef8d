using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Pebble;
using CertFunctions.Testing.Processes;
using CertFunctions.Testing.Storage;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>
/// The whole local world, all real programs: Azurite, Pebble with pebble-challtestsrv, the Kubernetes API emulator
/// (its routing front on Pebble's validation port) and the CertFunctions local host wired to them. Used by the
/// end-to-end tests and by scripts/sandbox.sh.
/// </summary>
public sealed class LocalWorld : IAsyncDisposable
{
    private readonly LocalWorldOptions _options;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "certfunctions-world-" + Guid.NewGuid().ToString("N")[..10]);
    private int _hostPort;

    private LocalWorld(LocalWorldOptions options)
    {
        _options = options;
        Azurite = new AzuriteFixture { DebugLogPath = options.AzuriteDebugLogPath };
        Pebble = PebbleFixture.Create(options.Pebble with { ValidationPort = options.Pebble.ValidationPort ?? FreePort.Next() });
        SecondPebble = options.SecondPebble is { } second ? PebbleFixture.Create(second with { ValidationPort = Pebble.ValidationPort }) : null;
        Emulator = new LocalWorldEmulator(Pebble.ValidationPort, options.SeedPaths);
        TaskHub = "cf" + Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary>Azure Storage (Azurite).</summary>
    public AzuriteFixture Azurite { get; }

    /// <summary>The ACME CA.</summary>
    public PebbleFixture Pebble { get; }

    /// <summary>The second CA (<see cref="LocalWorldOptions.SecondPebble"/>), when asked for.</summary>
    public PebbleFixture? SecondPebble { get; }

    /// <summary>Path of the second Pebble's TLS root (PEM).</summary>
    public string SecondPebbleTlsRootPath => Path.Combine(_directory, "pebble2-tls-root.pem");

    /// <summary>The responder's public host name in the local world (the redirect target of solver HTTPRoutes).</summary>
    public const string ResponderHost = "responder.certfunctions.test";

    /// <summary>The Kubernetes API and the ingress-like front.</summary>
    public KubeApiEmulatorFixture Emulator { get; }

    /// <summary>The local host, when started.</summary>
    public LocalHostProcess? Host { get; private set; }

    /// <summary>The Durable Task hub of this world.</summary>
    public string TaskHub { get; }

    /// <summary>Path of Pebble's TLS root (PEM) the host trusts for the CA.</summary>
    public string PebbleTlsRootPath => Path.Combine(_directory, "pebble-tls-root.pem");

    /// <summary>The settings the host runs with (same names as the Functions app).</summary>
    public IReadOnlyDictionary<string, string> HostSettings { get; private set; } = new Dictionary<string, string>();

    /// <summary>Starts every part and waits until each is ready.</summary>
    public static async Task<LocalWorld> StartAsync(LocalWorldOptions? options = null)
    {
        var world = new LocalWorld(options ?? new LocalWorldOptions());
        try
        {
            await world.InitializeAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates (not starts) another host process with the same settings, e.g. after a kill.</summary>
    public LocalHostProcess CreateHost() => new(HostSettings, Host?.Port ?? _hostPort);

    /// <summary>
    /// Replaces the running host with a fresh process on the same port and hub (after <see cref="LocalHostProcess.KillAsync"/>),
    /// or starts the first one when the world was started without it.
    /// </summary>
    public async Task RestartHostAsync()
    {
        var port = Host?.Port ?? _hostPort;
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        Host = new LocalHostProcess(HostSettings, port);
        await Host.StartAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        await Pebble.DisposeAsync();
        if (SecondPebble is not null)
        {
            await SecondPebble.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temporary files only.
        }
    }

    /// <summary>
    /// Binds the namespaced variant's per-namespace role in <paramref name="ns"/> to the product's service account, as
    /// infra/k8s/rbac-namespaced.yaml tells a user to for each namespace they opt in.
    /// </summary>
    public async Task GrantNamespaceAsync(string ns)
    {
        await KubectlAsync("-n", ns, "create", "rolebinding", "certfunctions", "--clusterrole=certfunctions-namespace", "--serviceaccount=certfunctions:certfunctions");
    }

    /// <summary>Applies infra/k8s's RBAC for <paramref name="rbac"/> as deploy.md does, and returns the service account's kubeconfig.</summary>
    private async Task<string> InfraServiceAccountKubeconfigAsync(ProductRbac rbac)
    {
        var manifests = Path.Combine(ProgramLocator.RepositoryRoot, "infra", "k8s");
        if (rbac == ProductRbac.Namespaced)
        {
            await KubectlAsync("apply", "-f", Path.Combine(manifests, "rbac-namespaced.yaml"), "-f", Path.Combine(manifests, "rbac-serviceaccount.yaml"));
            await KubectlAsync("delete", "clusterrolebinding", "certfunctions");
            await KubectlAsync("create", "clusterrolebinding", "certfunctions-discovery", "--clusterrole=certfunctions-discovery", "--serviceaccount=certfunctions:certfunctions");
        }
        else
        {
            await KubectlAsync("apply", "-f", Path.Combine(manifests, "rbac.yaml"), "-f", Path.Combine(manifests, "rbac-serviceaccount.yaml"));
        }

        return await Emulator.CreateServiceAccountKubeconfigAsync("certfunctions", "certfunctions");
    }

    /// <summary>
    /// Makes the emulator's front answer <see cref="ResponderHost"/> with the local host, as App Service's front end answers
    /// a Function App's host name: the target of the Redirect strategy's solver HTTPRoutes. Pebble resolves every name to
    /// 127.0.0.1 (pebble-challtestsrv), so it follows the redirect to the front like Let's Encrypt follows one to Azure.
    /// </summary>
    private async Task SeedResponderFrontAsync(int hostPort)
    {
        const string ns = "certfunctions-responder-front";
        var yaml = $"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {ns}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: responder
              namespace: {ns}
            spec:
              ports:
                - port: 80
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: responder
              namespace: {ns}
            spec:
              ingressClassName: nginx
              rules:
                - host: "{ResponderHost}"
                  http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: responder
                            port:
                              number: 80
            """;
        var result = await Emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("Seeding the responder front failed: " + result.StandardError);
        }

        await Emulator.SetUpstreamAsync(ns, "responder", new Uri($"http://127.0.0.1:{hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    private async Task KubectlAsync(params string[] args)
    {
        var result = await Emulator.RunKubectlAsync(args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {result.StandardError}");
        }
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await Task.WhenAll(Azurite.InitializeAsync(), Pebble.InitializeAsync(), Emulator.InitializeAsync(), SecondPebble?.InitializeAsync() ?? Task.CompletedTask);
        await File.WriteAllTextAsync(PebbleTlsRootPath, Pebble.TlsAuthority.ExportCertificatePem());
        if (SecondPebble is not null)
        {
            await File.WriteAllTextAsync(SecondPebbleTlsRootPath, SecondPebble.TlsAuthority.ExportCertificatePem());
        }

        var productKubeconfig = _options.ProductRbac == ProductRbac.Admin ? Emulator.KubeconfigPath : await InfraServiceAccountKubeconfigAsync(_options.ProductRbac);

        var hostPort = _hostPort = _options.HostPort > 0 ? _options.HostPort : FreePort.Next();
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Acme:DirectoryUrl"] = Pebble.DirectoryUri.AbsoluteUri,
            ["Acme:TrustedRootPath"] = PebbleTlsRootPath,
            ["Acme:Email"] = "ops@example.test",
            ["Kubernetes:DefaultCluster"] = "default",
            ["Kubernetes:Clusters:default:KubeconfigPath"] = productKubeconfig,
            // The responder Service in each namespace is an ExternalName to the host, like the Function App host in Azure.
            ["Challenge:ResponderExternalName"] = "127.0.0.1",
            ["Challenge:ResponderServicePort"] = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Gateways (Redirect strategy): the responder's "public" name, served by the emulator's front like the Function
            // App's front end (see SeedResponderFrontAsync); on the validation port, which only a local world may redirect to.
            ["Challenge:ResponderUrl"] = $"http://{ResponderHost}:{Pebble.ValidationPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            ["Challenge:AllowAnyRedirectTarget"] = "true",
            ["SelfCheck:Port"] = Pebble.ValidationPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Test names resolve only through challtestsrv: connect to the emulator's front on loopback, Host header as the CA sends it.
            ["SelfCheck:ConnectAddress"] = "127.0.0.1",
            ["SelfCheck:Interval"] = "00:00:00.200",
            ["SelfCheck:ConsecutivePasses"] = "2",
            ["Renewal:MaxStartJitter"] = "00:00:00",
            ["Local:TaskHub"] = TaskHub,
            ["Local:WorkerId"] = "certfunctions-local-test",
            ["Local:RunRenewalTimer"] = "false",
            ["Local:RunDiscoveryTimer"] = "false",
            ["Local:MaxQueuePollingInterval"] = "00:00:00.250",
        };
        if (SecondPebble is not null)
        {
            // Named issuers: one form only, so the single-issuer settings move under Acme:Issuers:default.
            foreach (var key in new[] { "DirectoryUrl", "TrustedRootPath", "Email" })
            {
                settings[$"Acme:Issuers:default:{key}"] = settings[$"Acme:{key}"];
                settings.Remove($"Acme:{key}");
            }

            foreach (var name in _options.SecondIssuerNames)
            {
                settings[$"Acme:Issuers:{name}:DirectoryUrl"] = SecondPebble.DirectoryUri.AbsoluteUri;
                settings[$"Acme:Issuers:{name}:TrustedRootPath"] = SecondPebbleTlsRootPath;
            }
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        await SeedResponderFrontAsync(hostPort);
        HostSettings = settings;
        if (_options.StartHost)
        {
            Host = new LocalHostProcess(settings, hostPort);
            await Host.StartAsync();
        }
    }
}

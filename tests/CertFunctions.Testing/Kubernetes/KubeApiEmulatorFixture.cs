using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CertFunctions.Testing.Processes;
using k8s;

namespace CertFunctions.Testing.Kubernetes;

/// <summary>
/// Starts tools/KubeApiEmulator as its own process (HTTPS API + HTTP routing front on 127.0.0.1) and gives
/// tests a kubeconfig, a KubernetesClient, kubectl, and the emulator's admin hooks (upstreams, audit).
/// Isolate tests by namespace (<see cref="CreateNamespaceAsync"/>).
/// </summary>
public partial class KubeApiEmulatorFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly KubeApiEmulatorOptions _options;
    private ServiceProcess? _process;
    private HttpClient? _apiClient;
    private int _namespaceCounter;

    /// <summary>An emulator with default options (free ports, random token).</summary>
    public KubeApiEmulatorFixture()
        : this(new KubeApiEmulatorOptions())
    {
    }

    /// <summary>
    /// An emulator with the given options. xunit needs a single public constructor on a fixture, so a fixture with
    /// options is a subclass: <c>public sealed class PebbleWorld() : KubeApiEmulatorFixture(new() { FrontPort = 5002 });</c>
    /// </summary>
    protected KubeApiEmulatorFixture(KubeApiEmulatorOptions options)
    {
        _options = options;
        Token = options.Token ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        WorkDirectory = Path.Combine(Path.GetTempPath(), "kube-api-emulator-" + Guid.NewGuid().ToString("N")[..12]);
        KubeconfigPath = Path.Combine(WorkDirectory, "kubeconfig");
    }

    /// <summary>The HTTPS API, e.g. https://127.0.0.1:40123.</summary>
    public Uri ApiUri { get; private set; } = null!;

    /// <summary>The HTTP routing front, e.g. http://127.0.0.1:5002.</summary>
    public Uri FrontUri { get; private set; } = null!;

    /// <summary>The kubeconfig the emulator wrote (server, CA data, token).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The bearer token.</summary>
    public string Token { get; }

    /// <summary>A folder for this emulator's files (kubeconfig, kubectl cache), removed on dispose.</summary>
    public string WorkDirectory { get; }

    /// <summary>The emulator's recent output (requests are logged when <see cref="KubeApiEmulatorOptions.Verbose"/>).</summary>
    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    /// <summary>The operating-system process id of the emulator (for benchmarks reading its memory).</summary>
    public int ProcessId => _process?.ProcessId ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>The emulator keeps running for the whole collection; nothing needs a restart.</summary>
    public static bool RestartNotNeeded => true;

    /// <summary>An HttpClient for raw API requests: trusts the emulator's CA and sends the token.</summary>
    public HttpClient ApiClient => _apiClient ?? throw new InvalidOperationException("The emulator is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var arguments = new List<string>
        {
            KubeApiEmulatorLocator.AssemblyPath(),
            "--port", _options.ApiPort.ToString(CultureInfo.InvariantCulture),
            "--front-port", _options.FrontPort.ToString(CultureInfo.InvariantCulture),
            "--kubeconfig-out", KubeconfigPath,
            "--token", Token,
        };
        foreach (var seed in _options.SeedPaths)
        {
            arguments.Add("--seed");
            arguments.Add(seed);
        }

        foreach (var (key, url) in _options.Upstreams)
        {
            arguments.Add("--upstream");
            arguments.Add(key + "=" + url);
        }

        if (_options.IngressNginxStrictPaths)
        {
            arguments.Add("--ingress-nginx-strict-paths");
        }

        if (_options.Verbose)
        {
            arguments.Add("--verbose");
        }

        _process = ServiceProcess.Start("KubeApiEmulator", DotnetHost(), arguments, workingDirectory: WorkDirectory);
        Match? ready = null;
        await _process.WaitUntilReadyAsync(
            _ =>
            {
                ready = ReadyLine().Match(_process.RecentOutput);
                return Task.FromResult(ready.Success && File.Exists(KubeconfigPath));
            },
            StartTimeout);
        ApiUri = new Uri(ready!.Groups["api"].Value);
        FrontUri = new Uri(ready.Groups["front"].Value);
        _apiClient = CreateApiClient();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _apiClient?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    /// <summary>A KubernetesClient built from the kubeconfig, exactly as the product builds one.</summary>
    public IKubernetes CreateKubernetesClient() =>
        new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <summary>Runs kubectl against the emulator (with --kubeconfig and a private --cache-dir).</summary>
    public Task<KubectlResult> RunKubectlAsync(params string[] args) => RunKubectlWithInputAsync(null, args);

    /// <summary>Runs kubectl with <paramref name="standardInput"/> piped in (for "apply -f -").</summary>
    public async Task<KubectlResult> RunKubectlWithInputAsync(string? standardInput, params string[] args)
    {
        var kubectl = ProgramLocator.Require("kubectl", "kubectl v1.32 from the machine image (or apt-get install kubectl)", "/usr/bin", "/usr/local/bin");
        var startInfo = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = WorkDirectory,
        };
        startInfo.ArgumentList.Add("--kubeconfig=" + KubeconfigPath);
        startInfo.ArgumentList.Add("--cache-dir=" + Path.Combine(WorkDirectory, "kubectl-cache"));
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["HOME"] = WorkDirectory;
        startInfo.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("kubectl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Creates a namespace with a unique name for one test and returns the name.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaceCounter)}-{Guid.NewGuid().ToString("N")[..6]}";
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
        using var response = await ApiClient.PostAsJsonAsync(new Uri(ApiUri, "/api/v1/namespaces"), body, cancellationToken);
        await EnsureSuccessAsync(response, "create namespace " + name, cancellationToken);
        return name;
    }

    /// <summary>Points the front's route for a Service at <paramref name="url"/> (for ClusterIP Services).</summary>
    public async Task SetUpstreamAsync(string ns, string service, Uri url, CancellationToken cancellationToken = default)
    {
        using var response = await ApiClient.PutAsJsonAsync(AdminUri($"upstreams/{ns}/{service}"), new JsonObject { ["url"] = url.ToString() }, cancellationToken);
        await EnsureSuccessAsync(response, $"set upstream {ns}/{service}", cancellationToken);
    }

    /// <summary>Removes the upstream of a Service.</summary>
    public async Task RemoveUpstreamAsync(string ns, string service, CancellationToken cancellationToken = default)
    {
        using var response = await ApiClient.DeleteAsync(AdminUri($"upstreams/{ns}/{service}"), cancellationToken);
        await EnsureSuccessAsync(response, $"remove upstream {ns}/{service}", cancellationToken);
    }

    /// <summary>The API requests served since start or the last <see cref="ResetAuditAsync"/>, oldest first.</summary>
    public async Task<IReadOnlyList<KubeAuditEntry>> GetAuditAsync(CancellationToken cancellationToken = default)
    {
        using var response = await ApiClient.GetAsync(AdminUri("audit"), cancellationToken);
        await EnsureSuccessAsync(response, "read audit", cancellationToken);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. (document?["items"] as JsonArray ?? []).Select(item => new KubeAuditEntry(
            (string)item!["verb"]!, (string)item["group"]!, (string)item["resource"]!, (string)item["subresource"]!,
            (string)item["namespace"]!, (string)item["name"]!, (int)item["code"]!))];
    }

    /// <summary>Forgets the recorded API requests.</summary>
    public async Task ResetAuditAsync(CancellationToken cancellationToken = default)
    {
        using var response = await ApiClient.DeleteAsync(AdminUri("audit"), cancellationToken);
        await EnsureSuccessAsync(response, "reset audit", cancellationToken);
    }

    /// <summary>Asks the front where a request for <paramref name="host"/> and <paramref name="path"/> would go (status, url, hostHeader, ingress).</summary>
    public async Task<JsonObject> ProbeRouteAsync(string host, string path, CancellationToken cancellationToken = default)
    {
        var uri = AdminUri($"route?host={Uri.EscapeDataString(host)}&path={Uri.EscapeDataString(path)}");
        using var response = await ApiClient.GetAsync(uri, cancellationToken);
        await EnsureSuccessAsync(response, "probe route", cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
    }

    private Uri AdminUri(string relative) => new(ApiUri, "/_emulator/" + relative);

    private HttpClient CreateApiClient()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        var authorities = configuration.SslCaCerts;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                return chain.Build(certificate);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = ApiUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"Emulator at {ApiUri}: {what} failed with {(int)response.StatusCode}: {body}");
        }
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var extra = string.IsNullOrEmpty(root) ? Array.Empty<string>() : [root];
        return ProgramLocator.Require("dotnet", "the .NET 10 SDK", extra);
    }

    [GeneratedRegex(@"KubeApiEmulator ready api=(?<api>https://\S+) front=(?<front>http://\S+)")]
    private static partial Regex ReadyLine();
}

using System.Net.Http.Json;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>The CertFunctions local host as a real process: started with settings, probed until healthy, killable and restartable.</summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private ServiceProcess? _process;

    /// <summary>Prepares a host on a free loopback port; nothing runs until <see cref="StartAsync"/>.</summary>
    public LocalHostProcess(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        _settings = settings;
        Port = port ?? FreePort.Next();
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The HTTP port.</summary>
    public int Port { get; }

    /// <summary>The base URL, e.g. http://127.0.0.1:7071/.</summary>
    public Uri BaseUri { get; }

    /// <summary>A client for the host's routes.</summary>
    public HttpClient Http { get; }

    /// <summary>The process id while running.</summary>
    public int ProcessId => _process?.ProcessId ?? throw new InvalidOperationException("The local host is not running.");

    /// <summary>The last lines the host printed.</summary>
    public string RecentOutput => _process?.RecentOutput ?? string.Empty;

    /// <summary>The built local host assembly.</summary>
    public static string AssemblyPath
    {
        get
        {
            var path = Path.Combine(BuildOutput.Of("functions/CertFunctions.Local"), "CertFunctions.Local.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The local host is not built at {path}; run 'dotnet build' first.", path);
        }
    }

    /// <summary>Creates a host with <paramref name="settings"/> and starts it; a host that fails to start is disposed.</summary>
    public static async Task<LocalHostProcess> StartNewAsync(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var host = new LocalHostProcess(settings, port);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the host and waits until its health route answers.</summary>
    public async Task StartAsync()
    {
        if (_process is { IsRunning: true })
        {
            throw new InvalidOperationException("The local host is already running.");
        }

        var environment = _settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);
        environment["ASPNETCORE_URLS"] = BaseUri.AbsoluteUri.TrimEnd('/');
        environment["DOTNET_ENVIRONMENT"] = "Development";
        _process = ServiceProcess.Start("certfunctions-local", "dotnet", [AssemblyPath], environment, Path.GetDirectoryName(AssemblyPath));
        await _process.WaitUntilReadyAsync(
            async ct => (await Http.GetAsync("api/health", ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60));
    }

    /// <summary>Kills the host at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    /// <summary>Requests a certificate through the API and returns the response.</summary>
    public Task<HttpResponseMessage> RequestCertificateAsync(string @namespace, string ingress, string? cluster = null)
        => Http.PostAsJsonAsync("api/certificates", new { cluster, @namespace, ingress });

    /// <summary>POST /api/certificates for a Gateway: <c>{"namespace": ..., "gateway": ...}</c>.</summary>
    public Task<HttpResponseMessage> RequestGatewayCertificatesAsync(string @namespace, string gateway, string? cluster = null)
        => Http.PostAsJsonAsync("api/certificates", new { cluster, @namespace, gateway });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Http.Dispose();
    }
}

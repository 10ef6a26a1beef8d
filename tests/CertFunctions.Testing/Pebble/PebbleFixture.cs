using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Testing.Pebble;

/// <summary>Starts a real Pebble ACME server with pebble-challtestsrv as its DNS, on loopback, for one test run.</summary>
public class PebbleFixture : IAsyncLifetime
{
    /// <summary>How to install the programs this fixture needs.</summary>
    public const string InstallHint = "apt-get install pebble";

    private readonly string _workDirectory;
    private ServiceProcess? _dns;
    private ServiceProcess? _pebble;
    private PebbleTlsMaterial? _tls;

    /// <summary>Creates the shared default instance.</summary>
    public PebbleFixture()
        : this(PebbleOptions.Default)
    {
    }

    /// <summary>Creates an instance with the given options (xunit allows a fixture only one public constructor).</summary>
    protected PebbleFixture(PebbleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        ListenPort = FreePort.Next();
        ManagementPort = FreePort.Next();
        TlsPort = FreePort.Next();
        DnsPort = FreePort.NextForTcpAndUdp();
        DnsManagementPort = FreePort.Next();
        ValidationPort = options.ValidationPort ?? FreePort.Next();
        DirectoryUri = new Uri($"https://127.0.0.1:{ListenPort}/dir");
        ManagementUri = new Uri($"https://127.0.0.1:{ManagementPort}/");
        _workDirectory = Path.Combine(Path.GetTempPath(), "certfunctions-pebble-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>Creates a dedicated instance; ports are chosen now, so they are known before <see cref="InitializeAsync"/>.</summary>
    public static PebbleFixture Create(PebbleOptions options) => new(options);

    /// <summary>Creates and starts a dedicated instance.</summary>
    public static async Task<PebbleFixture> StartAsync(PebbleOptions options)
    {
        var fixture = new PebbleFixture(options);
        try
        {
            await fixture.InitializeAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>The options this instance runs with.</summary>
    public PebbleOptions Options { get; }

    /// <summary>The ACME directory URL.</summary>
    public Uri DirectoryUri { get; }

    /// <summary>Pebble's management interface (roots, intermediates, certificate status).</summary>
    public Uri ManagementUri { get; }

    /// <summary>The port Pebble connects to for http-01 validation (every name resolves to 127.0.0.1).</summary>
    public int ValidationPort { get; }

    /// <summary>The tls-alpn-01 validation port.</summary>
    public int TlsPort { get; }

    /// <summary>The ACME listener port.</summary>
    public int ListenPort { get; }

    /// <summary>The management listener port.</summary>
    public int ManagementPort { get; }

    /// <summary>The DNS port of pebble-challtestsrv (UDP and TCP).</summary>
    public int DnsPort { get; }

    /// <summary>The management port of pebble-challtestsrv.</summary>
    public int DnsManagementPort { get; }

    /// <summary>The CA that signed Pebble's HTTPS certificate (not the ACME issuing root).</summary>
    public X509Certificate2 TlsAuthority => _tls?.Authority ?? throw new InvalidOperationException("Pebble is not started.");

    /// <summary>Pebble's recent output, for failure messages.</summary>
    public string RecentOutput => (_pebble?.RecentOutput ?? string.Empty) + Environment.NewLine + (_dns?.RecentOutput ?? string.Empty);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var pebblePath = ProgramLocator.Require("pebble", InstallHint);
        var dnsPath = ProgramLocator.Require("pebble-challtestsrv", InstallHint);

        Directory.CreateDirectory(_workDirectory);
        _tls = PebbleTlsMaterial.Create();
        var certificatePath = Path.Combine(_workDirectory, "cert.pem");
        var keyPath = Path.Combine(_workDirectory, "key.pem");
        await File.WriteAllTextAsync(certificatePath, _tls.ServerCertificatePem);
        await File.WriteAllTextAsync(keyPath, _tls.ServerKeyPem);
        var configPath = Path.Combine(_workDirectory, "pebble-config.json");
        await File.WriteAllTextAsync(configPath, BuildConfig(certificatePath, keyPath));

        _dns = ServiceProcess.Start(
            "pebble-challtestsrv",
            dnsPath,
            [
                "-dns01", $"127.0.0.1:{DnsPort}",
                "-http01", string.Empty,
                "-https01", string.Empty,
                "-tlsalpn01", string.Empty,
                "-management", $"127.0.0.1:{DnsManagementPort}",
                "-defaultIPv4", "127.0.0.1",
                "-defaultIPv6", string.Empty,
            ],
            workingDirectory: _workDirectory);
        await _dns.WaitUntilReadyAsync(ct => CanConnectAsync(DnsPort, ct), Options.StartTimeout);

        await StartPebbleAsync(pebblePath, configPath);
    }

    /// <summary>
    /// Stops Pebble and starts it again on the same ports with the same TLS certificate. Pebble keeps everything in
    /// memory, so the new one knows no account, order or certificate of the old one, like a CA that was rebuilt.
    /// </summary>
    public async Task RestartAsync()
    {
        if (_pebble is null)
        {
            throw new InvalidOperationException("Pebble is not started.");
        }

        await _pebble.DisposeAsync();
        await StartPebbleAsync(ProgramLocator.Require("pebble", InstallHint), Path.Combine(_workDirectory, "pebble-config.json"));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_pebble is not null)
        {
            await _pebble.DisposeAsync();
        }

        if (_dns is not null)
        {
            await _dns.DisposeAsync();
        }

        _tls?.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        GC.SuppressFinalize(this);
    }

    private async Task StartPebbleAsync(string pebblePath, string configPath)
    {
        _pebble = ServiceProcess.Start(
            "pebble",
            pebblePath,
            ["-config", configPath, "-dnsserver", $"127.0.0.1:{DnsPort}"],
            BuildEnvironment(),
            _workDirectory);
        using var client = CreateHttpClient();
        await _pebble.WaitUntilReadyAsync(
            async ct =>
            {
                using var response = await client.GetAsync(DirectoryUri, ct);
                return response.IsSuccessStatusCode;
            },
            Options.StartTimeout);
    }

    /// <summary>Pebble's HTTPS server certificate with its key (127.0.0.1 and localhost), for a proxy in front of it.</summary>
    public X509Certificate2 CreateServerCertificate()
    {
        var tls = _tls ?? throw new InvalidOperationException("Pebble is not started.");
        return X509Certificate2.CreateFromPem(tls.ServerCertificatePem, tls.ServerKeyPem);
    }

    /// <summary>A handler that trusts exactly the generated TLS CA (custom root trust, host name checked).</summary>
    public SocketsHttpHandler CreateHttpMessageHandler()
    {
        var authority = X509CertificateLoader.LoadCertificate(TlsAuthority.RawData);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(authority);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>An HttpClient that trusts exactly the generated TLS CA.</summary>
    public HttpClient CreateHttpClient() => new(CreateHttpMessageHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The ACME issuing root <paramref name="index"/> (0 = default chain) in PEM, from the management interface.</summary>
    public Task<string> GetRootCertificatePemAsync(int index = 0, CancellationToken cancellationToken = default)
        => GetManagementTextAsync($"roots/{index}", cancellationToken);

    /// <summary>The intermediate of chain <paramref name="index"/> in PEM, from the management interface.</summary>
    public Task<string> GetIntermediatePemAsync(int index = 0, CancellationToken cancellationToken = default)
        => GetManagementTextAsync($"intermediates/{index}", cancellationToken);

    /// <summary>The ACME issuing root <paramref name="index"/> as a certificate.</summary>
    public async Task<X509Certificate2> GetRootCertificateAsync(int index = 0, CancellationToken cancellationToken = default)
        => X509Certificate2.CreateFromPem(await GetRootCertificatePemAsync(index, cancellationToken));

    /// <summary>Status JSON of an issued certificate by hexadecimal serial (Pebble's <c>cert-status-by-serial</c>).</summary>
    public Task<string> GetCertificateStatusJsonAsync(string serialHex, CancellationToken cancellationToken = default)
        => GetManagementTextAsync($"cert-status-by-serial/{serialHex}", cancellationToken);

    private async Task<string> GetManagementTextAsync(string path, CancellationToken cancellationToken)
    {
        using var client = CreateHttpClient();
        using var response = await client.GetAsync(new Uri(ManagementUri, path), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private string BuildConfig(string certificatePath, string keyPath)
    {
        var pebble = new Dictionary<string, object>
        {
            ["listenAddress"] = $"127.0.0.1:{ListenPort}",
            ["managementListenAddress"] = $"127.0.0.1:{ManagementPort}",
            ["certificate"] = certificatePath,
            ["privateKey"] = keyPath,
            ["httpPort"] = ValidationPort,
            ["tlsPort"] = TlsPort,
            ["ocspResponderURL"] = string.Empty,
            ["externalAccountBindingRequired"] = Options.ExternalAccountBindingRequired,
        };
        if (Options.ExternalAccountMacKeys.Count > 0)
        {
            pebble["externalAccountMACKeys"] = Options.ExternalAccountMacKeys;
        }

        if (Options.CertificateValidityPeriod is { } validity)
        {
            pebble["certificateValidityPeriod"] = (ulong)validity.TotalSeconds;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["pebble"] = pebble });
    }

    private Dictionary<string, string> BuildEnvironment()
    {
        var environment = new Dictionary<string, string>();
        if (!Options.ValidationSleep)
        {
            environment["PEBBLE_VA_NOSLEEP"] = "1";
        }
        else if (Options.ValidationSleepSeconds is { } sleep)
        {
            environment["PEBBLE_VA_SLEEPTIME"] = sleep.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Options.NonceRejectPercent is { } reject)
        {
            environment["PEBBLE_WFE_NONCEREJECT"] = reject.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Options.AuthorizationReusePercent is { } reuse)
        {
            environment["PEBBLE_AUTHZREUSE"] = reuse.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Options.AlternateRoots > 0)
        {
            environment["PEBBLE_ALTERNATE_ROOTS"] = Options.AlternateRoots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Options.ChainLength is { } length)
        {
            environment["PEBBLE_CHAIN_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return environment;
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

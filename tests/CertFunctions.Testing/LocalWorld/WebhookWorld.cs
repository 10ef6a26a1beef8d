using System.Globalization;
using System.Text;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>
/// A local world whose host also serves HTTPS (a throw-away CA, given to the cluster as the webhook's caBundle) with an
/// admission webhook secret, and whose cluster calls it through infra/k8s/admission-webhook.yaml.template.
/// </summary>
public sealed class WebhookWorld : IAsyncDisposable
{
    private readonly PebbleTlsMaterial _tls;
    private readonly string _directory;

    private WebhookWorld(LocalWorld world, PebbleTlsMaterial tls, string directory, string secret, Uri httpsUri)
    {
        World = world;
        _tls = tls;
        _directory = directory;
        Secret = secret;
        HttpsUri = httpsUri;
    }

    /// <summary>The world (Pebble, Azurite, the emulator, the host).</summary>
    public LocalWorld World { get; }

    /// <summary>The AdmissionWebhook:Secret the host was given.</summary>
    public string Secret { get; }

    /// <summary>The host's HTTPS address.</summary>
    public Uri HttpsUri { get; }

    /// <summary>The caBundle that trusts the host's HTTPS certificate.</summary>
    public string CaBundle => Convert.ToBase64String(Encoding.ASCII.GetBytes(_tls.Authority.ExportCertificatePem()));

    /// <summary>
    /// Starts the world (<paramref name="options"/> for the rest of its settings) and installs the webhook manifest
    /// pointing at the host (unless <paramref name="install"/> is false).
    /// </summary>
    public static async Task<WebhookWorld> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, bool install = true, IList<string>? seedPaths = null, LocalWorldOptions? options = null)
    {
        var tls = PebbleTlsMaterial.Create();
        var directory = Path.Combine(Path.GetTempPath(), "certfunctions-webhook-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, "host.crt");
        var keyPath = Path.Combine(directory, "host.key");
        await File.WriteAllTextAsync(certificatePath, tls.ServerCertificatePem);
        await File.WriteAllTextAsync(keyPath, tls.ServerKeyPem);
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var httpPort = FreePort.Next();
        var httpsPort = FreePort.Next();
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AdmissionWebhook:Secret"] = secret,
            ["AdmissionWebhook:WaitTimeout"] = "00:00:05",
            // Kestrel's own settings: with endpoints configured, ASPNETCORE_URLS no longer applies, so both are named.
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture),
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:" + httpsPort.ToString(CultureInfo.InvariantCulture),
            ["Kestrel:Endpoints:Https:Certificate:Path"] = certificatePath,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = keyPath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        options ??= new LocalWorldOptions();
        foreach (var (key, value) in options.Settings)
        {
            all.TryAdd(key, value);
        }

        var world = await LocalWorld.StartAsync(options with { HostPort = httpPort, Settings = all, SeedPaths = seedPaths ?? options.SeedPaths });
        var webhook = new WebhookWorld(world, tls, directory, secret, new Uri("https://127.0.0.1:" + httpsPort.ToString(CultureInfo.InvariantCulture)));
        if (install)
        {
            await webhook.InstallAsync();
        }

        return webhook;
    }

    /// <summary>Applies the webhook manifest with the host's URL, the secret and the caBundle.</summary>
    public async Task InstallAsync()
    {
        var template = await File.ReadAllTextAsync(Path.Combine(ManifestDirectory, "admission-webhook.yaml.template"));
        var yaml = template
            .Replace("APP_HOST", HttpsUri.Authority, StringComparison.Ordinal)
            .Replace("CLUSTER_NAME", "default", StringComparison.Ordinal)
            .Replace("WEBHOOK_SECRET", Secret, StringComparison.Ordinal)
            .Replace("    clientConfig:\n", $"    clientConfig:\n      caBundle: {CaBundle}\n", StringComparison.Ordinal);
        var result = await World.Emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("kubectl apply of the webhook failed: " + result.StandardError);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await World.DisposeAsync();
        _tls.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static string ManifestDirectory => Path.Combine(Processes.ProgramLocator.RepositoryRoot, "infra", "k8s");
}

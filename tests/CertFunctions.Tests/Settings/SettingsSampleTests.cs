using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using CertFunctions.Core.Acme;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Local.Hosting;
using CertFunctions.Testing.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertFunctions.Tests.Settings;

/// <summary>local.settings.sample.json lists every setting the code binds, and nothing it does not.</summary>
public sealed class SettingsSampleTests
{
    private const string SampleCluster = "default";

    /// <summary>Settings the Functions host reads itself rather than our options classes.</summary>
    private static readonly string[] HostSettings = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];

    private static readonly JsonObject Values = JsonNode.Parse(File.ReadAllText(Path.Combine(ProgramLocator.RepositoryRoot, "local.settings.sample.json")))!["Values"]!.AsObject();

    /// <summary>
    /// The single-issuer form (<c>Acme:DirectoryUrl</c>, ...) still binds, as the issuer named <c>default</c>, but a new
    /// deployment says it one way only: the sample shows the named form, and the two together stop the start.
    /// </summary>
    private static readonly string[] SingleIssuerKeys = [.. AcmeOptions.SingleIssuerSettings.Select(p => $"{AcmeOptions.SectionName}:{p}")];

    [Fact]
    public void Every_option_the_code_binds_is_in_the_sample()
    {
        var missing = BoundKeys().Except(SampleKeys(), StringComparer.OrdinalIgnoreCase).Except(SingleIssuerKeys, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(missing.Count == 0, "missing from local.settings.sample.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Nothing_in_the_sample_is_unknown()
    {
        var unknown = SampleKeys().Select(AsDefaultEntry).Except(BoundKeys().Concat(HostSettings), StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(unknown.Count == 0, "unknown settings in local.settings.sample.json: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_sample_defaults_are_safe_staging_and_azurite()
    {
        Assert.Equal(AcmeOptions.LetsEncryptStaging, (string?)Values["Acme__Issuers__default__DirectoryUrl"]);
        Assert.Equal("default", (string?)Values["Acme__DefaultIssuer"]);
        Assert.DoesNotContain(SingleIssuerKeys, k => Values.ContainsKey(k.Replace(":", "__", StringComparison.Ordinal)));
        Assert.Equal("UseDevelopmentStorage=true", (string?)Values["AzureWebJobsStorage"]);
    }

    [Fact]
    public void The_sample_binds_and_validates_with_the_real_options_classes()
    {
        var configuration = SampleConfiguration();
        using var services = new ServiceCollection().AddLogging().AddCertFunctionsCore(configuration).BuildServiceProvider();

        var acme = services.GetRequiredService<IOptions<AcmeOptions>>().Value;
        var issuers = services.GetRequiredService<Core.Issuers.AcmeIssuerCatalog>();
        Assert.Equal(new Uri(AcmeOptions.LetsEncryptStaging), issuers.Default.DirectoryUrl);
        Assert.Equal(new Uri("https://acme-v02.api.letsencrypt.org/directory"), issuers.Get("production").DirectoryUrl);
        Assert.Equal(TimeSpan.FromMinutes(2), acme.PollTimeout);
        Assert.Equal("0 17 5,17 * * *", services.GetRequiredService<IOptions<Core.Renewal.TimerScheduleOptions>>().Value.RenewalSchedule);
    }

    [Fact]
    public void Every_activity_the_scanner_and_the_api_resolve_as_the_functions_app_builds_them()
    {
        // As in the Functions app: no orchestration gateway in the container (the triggers hand one in, made from their
        // [DurableClient] binding), activities resolved from it, the scanner and the API made with ActivatorUtilities.
        var configuration = SampleConfiguration();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddCertFunctionsCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        foreach (var (name, type) in CertFunctionsServiceCollectionExtensions.ActivityTypes)
        {
            Assert.True(services.GetService(type) is not null, name);
        }

        Assert.NotNull(ActivatorUtilities.CreateInstance<Core.Renewal.RenewalScanner>(services, new UnusedGateway()));
        Assert.NotNull(ActivatorUtilities.CreateInstance<Core.Http.CertificatesApi>(services, new UnusedGateway()));
        Assert.NotNull(services.GetRequiredService<Core.Http.ChallengeEndpoint>());
    }

    [Theory]
    [InlineData("0 0 3 * * *", "runs fewer than twice a day")]
    [InlineData("every morning", "not a six-field NCRONTAB expression")]
    public void A_bad_renewal_schedule_stops_the_start_naming_the_setting(string schedule, string reason)
    {
        var configuration = new ConfigurationBuilder().AddConfiguration(SampleConfiguration())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RenewalSchedule"] = schedule }).Build();
        using var services = new ServiceCollection().AddLogging().AddCertFunctionsCore(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"RenewalSchedule '{schedule}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_discovery_schedule_stops_the_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddConfiguration(SampleConfiguration())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DiscoverySchedule"] = "every five minutes" }).Build();
        using var services = new ServiceCollection().AddLogging().AddCertFunctionsCore(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("DiscoverySchedule 'every five minutes' is not a six-field NCRONTAB expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_admission_webhook_secret_stops_the_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddConfiguration(SampleConfiguration())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AdmissionWebhook:Secret"] = "short" }).Build();
        using var services = new ServiceCollection().AddLogging().AddCertFunctionsCore(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AdmissionWebhook:Secret must be at least 32 characters", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The sample's values as configuration, with an inline kubeconfig for the placeholder path (which does not exist here).</summary>
    private static IConfiguration SampleConfiguration()
    {
        var settings = Values.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);
        settings["Kubernetes:Clusters:default:KubeconfigPath"] = null;
        settings["Kubernetes:Clusters:default:Kubeconfig"] =
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:6443'}}]\n" +
            "contexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\n";
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>A named entry's key (<c>Acme:Issuers:production:Email</c>) as the bound key of the sample's <c>default</c> entry.</summary>
    private static string AsDefaultEntry(string key) =>
        System.Text.RegularExpressions.Regex.Replace(key, "^(Kubernetes:Clusters|Acme:Issuers):[^:]+:", $"$1:{SampleCluster}:");

    private static IEnumerable<string> SampleKeys() => Values.Select(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal));

    /// <summary>Every settable property of every options class (found by its SectionName constant), as configuration keys.</summary>
    private static IEnumerable<string> BoundKeys()
    {
        var optionTypes = typeof(CertFunctionsServiceCollectionExtensions).Assembly.GetTypes()
            .Concat(typeof(LocalHostOptions).Assembly.GetTypes())
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not null);
        foreach (var type in optionTypes)
        {
            var section = (string)type.GetField("SectionName")!.GetValue(null)!;
            foreach (var key in KeysOf(type, section))
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<string> KeysOf(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsGenericType && typeof(IDictionary).IsAssignableFrom(propertyType))
            {
                // Named entries (clusters): the sample shows one, named "default".
                foreach (var key in KeysOf(propertyType.GetGenericArguments()[1], $"{prefix}:{property.Name}:{SampleCluster}"))
                {
                    yield return key;
                }
            }
            else
            {
                // Flat settings (timer schedules) live at the root.
                yield return prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
            }
        }
    }

    /// <summary>The host's gateway is registered by the host; here only its presence matters.</summary>
    private sealed class UnusedGateway : Core.Hosting.IOrchestrationGateway
    {
        public Task<Core.Hosting.OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Core.Hosting.OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

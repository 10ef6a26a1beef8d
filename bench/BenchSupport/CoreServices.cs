using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BenchSupport;

/// <summary>Core's services as a host registers them, pointed at the emulator and Azurite, with the given orchestration gateway.</summary>
public static class CoreServices
{
    /// <summary>Builds the provider; the caller disposes it. <paramref name="settings"/> add to or override the defaults.</summary>
    public static ServiceProvider Build(
        string kubeconfigPath, string storageConnectionString, IOrchestrationGateway gateway, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Kubernetes:DefaultCluster"] = "default",
            ["Kubernetes:Clusters:default:KubeconfigPath"] = kubeconfigPath,
            ["Acme:DirectoryUrl"] = "https://127.0.0.1:14000/dir",
            ["Acme:Email"] = "bench@example.test",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddCertFunctionsCore(configuration);
        services.AddSingleton(gateway).AddCertFunctionsOrchestrationClients();
        return services.BuildServiceProvider();
    }
}

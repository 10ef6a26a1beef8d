using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RenewalScanBench;

/// <summary>Core's services as a host registers them, pointed at the emulator and Azurite, with a counting gateway.</summary>
internal static class ScannerHost
{
    /// <summary>Builds the provider; the caller disposes it.</summary>
    public static ServiceProvider Build(string kubeconfigPath, string storageConnectionString, IOrchestrationGateway gateway)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storageConnectionString,
                ["Kubernetes:DefaultCluster"] = "default",
                ["Kubernetes:Clusters:default:KubeconfigPath"] = kubeconfigPath,
                ["Renewal:MaxStartJitter"] = "00:00:00",
                ["Acme:DirectoryUrl"] = "https://127.0.0.1:14000/dir",
                ["Acme:Email"] = "bench@example.test",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddCertFunctionsCore(configuration);
        services.AddSingleton(gateway).AddCertFunctionsOrchestrationClients();
        return services.BuildServiceProvider();
    }
}

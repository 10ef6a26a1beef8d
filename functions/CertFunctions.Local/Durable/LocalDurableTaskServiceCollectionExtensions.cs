using CertFunctions.Core.Hosting;
using Microsoft.Extensions.Options;

namespace CertFunctions.Local.Durable;

/// <summary>Registers the local Durable Task engine, its task hub and the <see cref="IOrchestrationGateway"/> over it.</summary>
public static class LocalDurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine (a hosted service), <see cref="LocalTaskHub"/>, <see cref="TaskHubOrchestrationGateway"/> as
    /// <see cref="IOrchestrationGateway"/>, and a log filter keeping <c>DurableTask.*</c> at
    /// <see cref="LocalDurableTaskOptions.FrameworkLogLevel"/>. Call again to register more tasks.
    /// </summary>
    public static IServiceCollection AddLocalDurableTask(
        this IServiceCollection services,
        Action<LocalDurableTaskOptions> configure,
        Action<LocalDurableTaskRegistry>? registerTasks = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<LocalDurableTaskOptions>().Configure(configure);
        var registry = GetOrAddRegistry(services);
        registerTasks?.Invoke(registry);

        if (services.Any(d => d.ServiceType == typeof(LocalDurableTaskEngine)))
        {
            return services;
        }

        services.AddSingleton<IValidateOptions<LocalDurableTaskOptions>, LocalDurableTaskOptionsValidator>();
        services.AddLogging();
        services.AddOptions<LoggerFilterOptions>()
            .Configure<IOptions<LocalDurableTaskOptions>>((filters, options) =>
                filters.Rules.Add(new LoggerFilterRule(null, "DurableTask", options.Value.FrameworkLogLevel, null)));
        services.AddSingleton<LocalTaskHub>();
        services.AddSingleton<LocalDurableTaskEngine>();
        services.AddHostedService(static sp => sp.GetRequiredService<LocalDurableTaskEngine>());
        services.AddSingleton<TaskHubOrchestrationGateway>();
        services.AddSingleton<IOrchestrationGateway>(static sp => sp.GetRequiredService<TaskHubOrchestrationGateway>());
        return services;
    }

    private static LocalDurableTaskRegistry GetOrAddRegistry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(LocalDurableTaskRegistry))?.ImplementationInstance
            is LocalDurableTaskRegistry existing)
        {
            return existing;
        }

        var registry = new LocalDurableTaskRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}

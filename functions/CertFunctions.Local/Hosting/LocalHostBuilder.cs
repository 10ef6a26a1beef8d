using CertFunctions.Core.DependencyInjection;
using CertFunctions.Local.Durable;

namespace CertFunctions.Local.Hosting;

/// <summary>Composes the local host: the one place <c>Program.cs</c> and the start-up tests build it from.</summary>
public static class LocalHostBuilder
{
    /// <summary>Creates the web application builder with Core, the local Durable Task engine and the host's own services.</summary>
    /// <remarks>Settings use the Functions app's names; <c>--settings local.settings.json</c> reads a Functions settings file.</remarks>
    public static WebApplicationBuilder Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settingsFile = builder.Configuration["settings"];
        if (!string.IsNullOrEmpty(settingsFile))
        {
            builder.Configuration.AddInMemoryCollection(LocalSettingsFile.Read(settingsFile));
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args);
        }

        builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
        builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);

        // Per-request framework lines would cost the anonymous responder a large share of its throughput (bench/results/responder-*.md).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddOptions<LocalHostOptions>()
            .Bind(builder.Configuration.GetSection(LocalHostOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddCertFunctionsCore(builder.Configuration);

        var local = builder.Configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        var storage = builder.Configuration["AzureWebJobsStorage"];
        if (string.IsNullOrWhiteSpace(storage))
        {
            throw new InvalidOperationException("AzureWebJobsStorage must be set to a storage connection string (Azurite locally).");
        }

        builder.Services.AddLocalDurableTask(
            options =>
            {
                options.StorageConnectionString = storage;
                options.TaskHubName = local.TaskHub;
                options.WorkerId = local.WorkerId;
                options.MaxQueuePollingInterval = local.MaxQueuePollingInterval;
                options.WorkItemVisibilityTimeout = local.WorkItemVisibilityTimeout;
            },
            LocalTasks.Register);
        builder.Services.AddCertFunctionsOrchestrationClients();
        builder.Services.AddSingleton<ApiKeyFilter>();
        ScheduledTimerService.Register(builder.Services, ScheduledJob.Renewal);
        ScheduledTimerService.Register(builder.Services, ScheduledJob.Discovery);
        return builder;
    }
}

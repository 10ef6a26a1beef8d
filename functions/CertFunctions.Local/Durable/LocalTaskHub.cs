using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Options;

namespace CertFunctions.Local.Durable;

/// <summary>The task hub on Azure Storage: one orchestration service shared by the worker and the client.</summary>
public sealed class LocalTaskHub : IDisposable
{
    /// <summary>Creates the orchestration service and client from <paramref name="options"/>.</summary>
    public LocalTaskHub(IOptions<LocalDurableTaskOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Options = settings;
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(settings.StorageConnectionString),
            TaskHubName = settings.TaskHubName,
            WorkerId = settings.WorkerId,
            AppName = settings.TaskHubName,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            PartitionCount = settings.PartitionCount,
            WorkItemQueueVisibilityTimeout = settings.WorkItemVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestrations,

            // The app lease arbitrates between app deployments sharing a hub; one local process does not need it.
            UseAppLease = false,

            // A start for an instance in a dedupe status fails loudly; the gateway maps that to "already running".
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        });
        Client = new TaskHubClient(Service, new FrameworkDataConverter(settings.DataConverter), loggerFactory);
    }

    /// <summary>The options the hub was built from.</summary>
    public LocalDurableTaskOptions Options { get; }

    /// <summary>The DTFx orchestration service (worker and client side).</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>The DTFx client, serializing with <see cref="LocalDurableTaskOptions.DataConverter"/>.</summary>
    public TaskHubClient Client { get; }

    /// <inheritdoc />
    public void Dispose() => Service.Dispose();
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace CertFunctions.Local.Durable;

/// <summary>Settings of the local Durable Task engine (DTFx on Azure Storage or Azurite).</summary>
public sealed class LocalDurableTaskOptions
{
    /// <summary>The Azure Storage (or Azurite) connection string holding queues, tables and blobs of the hub.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The task hub name: letters and digits, 3 to 45 characters, starting with a letter.</summary>
    public string TaskHubName { get; set; } = "CertFunctionsLocal";

    /// <summary>
    /// The worker id. Keep it fixed across restarts: a new id waits out the previous owner's 30 s partition lease.
    /// </summary>
    public string WorkerId { get; set; } = "local-" + Environment.MachineName;

    /// <summary>Longest wait between polls of an idle queue (DTFx backs off up to this; its default is 30 s).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an activity taken by a worker that died stays invisible before it runs again elsewhere.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Number of control-queue partitions; one is enough for a single local worker.</summary>
    public int PartitionCount { get; set; } = 1;

    /// <summary>Most activities run at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Most orchestration work items run at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Minimum level of the Durable Task Framework's own loggers (<c>DurableTask.*</c>), which log every empty poll at Information.</summary>
    public LogLevel FrameworkLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>
    /// The serializer of inputs, outputs, events and custom status, shared by the shims and the client.
    /// The default is Microsoft.DurableTask's System.Text.Json converter (default names, fields included).
    /// </summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    /// <summary>How long a graceful stop may take before in-flight work is abandoned (it is retried after a restart).</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace CertFunctions.Local.Durable;

/// <summary>Runs the registered orchestrators and activities on a DTFx <see cref="TaskHubWorker"/> for the host's lifetime.</summary>
public sealed class LocalDurableTaskEngine : IHostedService, IAsyncDisposable
{
    private readonly LocalTaskHub _hub;
    private readonly ILogger<LocalDurableTaskEngine> _logger;
    private readonly TaskHubWorker _worker;
    private bool _started;

    /// <summary>Creates the engine; nothing runs until <see cref="StartAsync"/>.</summary>
    public LocalDurableTaskEngine(
        LocalTaskHub hub,
        LocalDurableTaskRegistry registry,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _hub = hub;
        _logger = loggerFactory.CreateLogger<LocalDurableTaskEngine>();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = hub.Options.DataConverter }, loggerFactory);
        _worker = new TaskHubWorker(
            hub.Service,
            new ShimOrchestrationManager(registry, shims, services),
            new ShimActivityManager(registry, shims, services.GetRequiredService<IServiceScopeFactory>()),
            loggerFactory)
        {
            // Failure details (type, message, inner failure) instead of serialized exceptions; the shims need them.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        Registry = registry;
    }

    /// <summary>The orchestrators and activities this engine runs.</summary>
    public LocalDurableTaskRegistry Registry { get; }

    /// <summary>Creates the task hub if missing and starts polling it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _hub.Options;
        await _hub.Service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        await _worker.StartAsync().WaitAsync(cancellationToken);
        _started = true;
        LocalDurableTaskLog.EngineStarted(_logger, options.TaskHubName, options.WorkerId, Registry.OrchestratorNames.Count, Registry.ActivityNames.Count);
    }

    /// <summary>Stops gracefully (in-flight work items finish and leases are released), forced after the stop timeout or on cancellation.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_hub.Options.StopTimeout);
        try
        {
            await _worker.StopAsync(isForced: false).WaitAsync(timeout.Token);
            LocalDurableTaskLog.EngineStopped(_logger, _hub.Options.TaskHubName);
        }
        catch (OperationCanceledException)
        {
            LocalDurableTaskLog.EngineStopForced(_logger, _hub.Options.TaskHubName);
            await _worker.StopAsync(isForced: true);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await StopAsync(CancellationToken.None);
        }

        _worker.Dispose();
    }
}

using CertFunctions.Core.Hosting;
using CertFunctions.Local.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>A started local engine with the sample orchestrations on its own task hub; stops on dispose.</summary>
public sealed class DurableTestEngine : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DurableTestEngine(ServiceProvider services, string taskHubName)
    {
        _services = services;
        TaskHubName = taskHubName;
    }

    public string TaskHubName { get; }

    public IOrchestrationGateway Gateway => _services.GetRequiredService<IOrchestrationGateway>();

    public LocalDurableTaskEngine Engine => _services.GetRequiredService<LocalDurableTaskEngine>();

    public AttemptCounter Attempts => _services.GetRequiredService<AttemptCounter>();

    public ScopeTracker Scopes => _services.GetRequiredService<ScopeTracker>();

    public LogCollector Logs => _services.GetRequiredService<LogCollector>();

    /// <summary>A task hub name no other test uses (letters and digits, starting with a letter).</summary>
    public static string NewTaskHubName() => "t" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Builds and starts an engine on <paramref name="taskHubName"/> with worker id <paramref name="workerId"/>.</summary>
    public static async Task<DurableTestEngine> StartAsync(
        string connectionString,
        ITestOutputHelper output,
        string? taskHubName = null,
        string workerId = "test-worker",
        AttemptCounter? attempts = null)
    {
        taskHubName ??= NewTaskHubName();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new TestOutputLoggerProvider(output)));
        services.AddSingleton(attempts ?? new AttemptCounter());
        services.AddSingleton(new RetrySettings(TimeSpan.FromMilliseconds(200)));
        services.AddSingleton<ScopeTracker>();
        services.AddSingleton<LogCollector>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<LogCollector>());
        services.AddScoped<ScopedDependency>();
        services.AddLocalDurableTask(
            options =>
            {
                options.StorageConnectionString = connectionString;
                options.TaskHubName = taskHubName;
                options.WorkerId = workerId;
            },
            tasks => tasks
                .AddOrchestrator<TwoStepOrchestrator>(TwoStepOrchestrator.Name)
                .AddOrchestrator<ApprovalOrchestrator>(ApprovalOrchestrator.Name)
                .AddOrchestrator<FailingOrchestrator>(FailingOrchestrator.Name)
                .AddOrchestrator<RetryOrchestrator>(RetryOrchestrator.Name)
                .AddOrchestrator<TimerOrchestrator>(TimerOrchestrator.Name)
                .AddOrchestrator<ScopedPairOrchestrator>(ScopedPairOrchestrator.Name)
                .AddOrchestrator<ThrowingOrchestrator>(ThrowingOrchestrator.Name)
                .AddActivity<QuoteActivity>(QuoteActivity.Name)
                .AddActivity<ConfirmActivity>(ConfirmActivity.Name)
                .AddActivity<FailingActivity>(FailingActivity.Name)
                .AddActivity<FlakyActivity>(FlakyActivity.Name)
                .AddActivity<StampActivity>(StampActivity.Name)
                .AddActivity<ScopedActivity>(ScopedActivity.Name));
        var provider = services.BuildServiceProvider(validateScopes: true);
        var engine = new DurableTestEngine(provider, taskHubName);
        try
        {
            await engine.Engine.StartAsync(CancellationToken.None);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        return engine;
    }

    /// <summary>Stops the engine gracefully, then disposes the services.</summary>
    public async ValueTask DisposeAsync()
    {
        await Engine.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}

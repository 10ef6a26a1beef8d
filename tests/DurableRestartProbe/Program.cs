using CertFunctions.Local.Durable;
using DurableRestartProbe;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: DurableRestartProbe <storage connection string> <task hub> <worker id>
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: DurableRestartProbe <storage connection string> <task hub> <worker id>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Services.AddLocalDurableTask(
    options =>
    {
        options.StorageConnectionString = args[0];
        options.TaskHubName = args[1];
        options.WorkerId = args[2];
    },
    tasks => tasks
        .AddOrchestrator<ProbeTimerOrchestrator>(ProbeTasks.TimerOrchestration)
        .AddActivity<ProbeStampActivity>(ProbeTasks.StampActivity));

using var host = builder.Build();
await host.RunAsync();
return 0;

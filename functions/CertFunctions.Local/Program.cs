using CertFunctions.Core.DependencyInjection;
using CertFunctions.Local.Durable;
using CertFunctions.Local.Hosting;

// The local host: Core's workflow on the Durable Task engine over Azure Storage (Azurite), Kestrel for the routes.
// Settings use the Functions app's names; `--settings local.settings.json` reads a Functions settings file.
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
builder.Services.AddSingleton<ApiKeyFilter>();
builder.Services.AddHostedService<RenewalTimerService>();

var app = builder.Build();
app.MapCertFunctions();
app.Run();

using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Telemetry;
using CertFunctions.Local.Durable;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

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
        AddTelemetry(builder, local);
        return builder;
    }

    /// <summary>
    /// Metrics and traces: always the Prometheus scrape endpoint (<c>/metrics</c>); OTLP (logs, metrics, traces) when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; spans on standard output with <c>Local:ConsoleTraces</c>. The engine's
    /// own spans (DurableTask.Core) carry the trace from the start of an orchestration to its activities.
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder, LocalHostOptions local)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("CertFunctions.Local"))
            .AddCertFunctionsTelemetry("DurableTask.Core")
            .WithMetrics(metrics => metrics.AddPrometheusExporter())
            // Incoming requests start the trace of an issuance (POST /api/certificates); scrapes and probes are left out.
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options => options.Filter = IsTraced));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        if (local.ConsoleTraces)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter());
        }
    }

    private static bool IsTraced(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments(LocalEndpoints.MetricsRoute, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/" + Core.Http.HealthEndpoint.Route, StringComparison.OrdinalIgnoreCase)
            && path != "/";
    }
}

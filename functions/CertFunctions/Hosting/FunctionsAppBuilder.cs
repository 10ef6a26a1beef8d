using Azure.Monitor.OpenTelemetry.Exporter;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

namespace CertFunctions.Hosting;

/// <summary>Composes the Functions app's worker: the one place <c>Program.cs</c> and the start-up tests build it from.</summary>
public static class FunctionsAppBuilder
{
    /// <summary>Creates the worker's builder with every CertFunctions service registered.</summary>
    /// <remarks>
    /// No orchestration gateway is registered: the triggers make one per call from their <c>[DurableClient]</c>
    /// binding, so the container holds only what resolves without one (the host validates it in Development).
    /// </remarks>
    public static FunctionsApplicationBuilder Create(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCertFunctionsCore(builder.Configuration);
        AddTelemetry(builder);
        return builder;
    }

    /// <summary>
    /// OpenTelemetry for the worker (host.json sets <c>telemetryMode: OpenTelemetry</c> for the host): CertFunctions'
    /// Meter and spans plus HttpClient spans, exported to Azure Monitor (Application Insights) when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is.
    /// </summary>
    private static void AddTelemetry(FunctionsApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .AddCertFunctionsTelemetry("Microsoft.DurableTask");
        if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}

using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CertFunctions.Core.Telemetry;

/// <summary>What both hosts subscribe to: the CertFunctions Meter and ActivitySource and redacted HttpClient spans. Each host adds its exporters.</summary>
public static class TelemetryBuilderExtensions
{
    /// <summary>Adds CertFunctions' metrics and traces (plus <paramref name="extraSources"/>, the engine's own spans) to <paramref name="builder"/>.</summary>
    public static IOpenTelemetryBuilder AddCertFunctionsTelemetry(this IOpenTelemetryBuilder builder, params string[] extraSources)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetrics(metrics => metrics.AddMeter(TelemetryNames.Meter));
        builder.WithTracing(tracing => tracing
            .AddSource(TelemetryNames.ActivitySource)
            .AddSource(extraSources)
            .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = HttpSpanRedaction.Enrich)
            .AddProcessor(new HttpSpanRedactionProcessor()));
        return builder;
    }
}

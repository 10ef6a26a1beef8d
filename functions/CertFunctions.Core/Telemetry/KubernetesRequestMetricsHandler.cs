using System.Diagnostics;

namespace CertFunctions.Core.Telemetry;

/// <summary>
/// Counts and times every Kubernetes API request of one cluster's client, tagged with the verb, resource and status
/// code (never the object's name): a <see cref="DelegatingHandler"/> in the KubernetesClient pipeline.
/// </summary>
/// <param name="cluster">The configured cluster name.</param>
public sealed class KubernetesRequestMetricsHandler(string cluster) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var status = 0;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            var (verb, resource) = KubernetesRequestShape.Of(request.Method, request.RequestUri);
            ReadOnlySpan<KeyValuePair<string, object?>> tags =
            [
                new(TelemetryTags.Cluster, cluster),
                new(TelemetryTags.KubernetesVerb, verb),
                new(TelemetryTags.KubernetesResource, resource),
                new(TelemetryTags.HttpStatus, status),
            ];
            CertFunctionsMetrics.KubernetesRequests.Add(1, tags);
            CertFunctionsMetrics.KubernetesRequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}

using CertFunctions.Acme.Telemetry;

namespace CertFunctions.Core.Telemetry;

/// <summary>Counts one issuer's ACME requests into <see cref="CertFunctionsMetrics"/> (endpoint kind and status, never the URL).</summary>
/// <param name="issuer">The named issuer the client belongs to.</param>
public sealed class AcmeRequestMetrics(string issuer) : IAcmeRequestObserver
{
    /// <inheritdoc />
    public void OnRequest(AcmeRequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReadOnlySpan<KeyValuePair<string, object?>> tags =
        [
            new(TelemetryTags.Issuer, issuer),
            new(TelemetryTags.AcmeEndpoint, request.Endpoint.ToString()),
            new(TelemetryTags.HttpMethod, request.Method),
            new(TelemetryTags.HttpStatus, request.StatusCode ?? 0),
        ];
        CertFunctionsMetrics.AcmeRequests.Add(1, tags);
        CertFunctionsMetrics.AcmeRequestDuration.Record(request.Duration.TotalSeconds, tags);
    }
}

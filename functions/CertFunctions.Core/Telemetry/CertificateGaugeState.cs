using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Telemetry;

/// <summary>What the gauges know of one deployed certificate: its object, Secret, expiry and planned renewal.</summary>
/// <param name="Certificate">The Ingress or Gateway.</param>
/// <param name="Secret">The Secret as namespace/name.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="PlannedRenewal">When renewal is planned.</param>
public sealed record CertificateGaugeState(CertificateRef Certificate, string Secret, DateTimeOffset NotAfter, DateTimeOffset PlannedRenewal)
{
    /// <summary>The gauge tags: cluster, namespace, kind, name and Secret.</summary>
    public KeyValuePair<string, object?>[] Tags { get; } =
    [
        new(TelemetryTags.Cluster, Certificate.Cluster),
        new(TelemetryTags.Namespace, Certificate.Namespace),
        new(TelemetryTags.Kind, Certificate.Kind.ToString()),
        new(TelemetryTags.Name, Certificate.Name),
        new(TelemetryTags.Secret, Secret),
    ];
}

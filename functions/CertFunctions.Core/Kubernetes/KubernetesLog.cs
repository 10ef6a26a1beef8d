using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Kubernetes;

/// <summary>Log messages of the Kubernetes services. Secret data is never a parameter here.</summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Lost a write race on {Description} (attempt {Attempt} of {MaxAttempts}); reading it again")]
    public static partial void WriteConflict(ILogger logger, string description, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Presented {PathCount} challenge path(s) for {Certificate} with {Strategy}")]
    public static partial void ChallengePresented(ILogger logger, CertificateRef certificate, RoutingStrategy strategy, int pathCount);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Removed challenge routing for {Certificate} ({Strategy}): {PathCount} path(s), solver Ingress {SolverIngress}")]
    public static partial void ChallengeRemoved(ILogger logger, CertificateRef certificate, RoutingStrategy strategy, int pathCount, string? solverIngress);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Removed leftovers of an earlier run for {Certificate}: {PathCount} path(s), {SolverIngressCount} solver Ingress(es)")]
    public static partial void LeftoversRemoved(ILogger logger, CertificateRef certificate, int pathCount, int solverIngressCount);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Created ExternalName responder Service {Namespace}/{Service} -> {ExternalName}")]
    public static partial void ResponderServiceCreated(ILogger logger, string @namespace, string service, string externalName);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Wrote TLS Secret {Namespace}/{Secret} (serial {Serial}, notAfter {NotAfter:O}, created {Created}, adopted {Adopted})")]
    public static partial void SecretWritten(ILogger logger, string @namespace, string secret, string serial, DateTimeOffset notAfter, bool created, bool adopted);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "spec.tls of {Certificate} now uses Secret {Secret} (changed {Changed})")]
    public static partial void TlsAttached(ILogger logger, CertificateRef certificate, string secret, bool changed);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "Recorded event {Reason} on {Certificate} (count {Count})")]
    public static partial void EventRecorded(ILogger logger, CertificateRef certificate, string reason, int count);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Could not record event {Reason} on {Certificate}")]
    public static partial void EventFailed(ILogger logger, Exception exception, CertificateRef certificate, string reason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Opted-in Ingress {Certificate} cannot be served: {Problem}")]
    public static partial void DiscoveredInvalid(ILogger logger, CertificateRef certificate, string problem);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Secret {Namespace}/{Secret} has no readable certificate in tls.crt: {Problem}")]
    public static partial void DeployedCertificateUnreadable(ILogger logger, string @namespace, string secret, string problem);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Solver Ingress {Namespace}/{Ingress} is in place")]
    public static partial void SolverIngressApplied(ILogger logger, string @namespace, string ingress);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Listed {Count} opted-in Ingress(es) in cluster {Cluster}")]
    public static partial void DiscoveryCompleted(ILogger logger, string cluster, int count);
}

namespace CertFunctions.Core.Telemetry;

/// <summary>Tag (attribute) names on metrics and spans: bounded values only, never a URL, token, nonce or key.</summary>
public static class TelemetryTags
{
    /// <summary>The configured cluster name.</summary>
    public const string Cluster = "certfunctions.cluster";

    /// <summary>The object's namespace.</summary>
    public const string Namespace = "certfunctions.namespace";

    /// <summary>Ingress or Gateway.</summary>
    public const string Kind = "certfunctions.kind";

    /// <summary>The object's name.</summary>
    public const string Name = "certfunctions.name";

    /// <summary>The TLS Secret (namespace/name).</summary>
    public const string Secret = "certfunctions.secret";

    /// <summary>The orchestration instance id.</summary>
    public const string InstanceId = "certfunctions.instance_id";

    /// <summary>The Durable activity (issuance step).</summary>
    public const string Step = "certfunctions.step";

    /// <summary>Why an issuance ran (Requested, Renewal, ...).</summary>
    public const string Reason = "certfunctions.reason";

    /// <summary>succeeded or failed.</summary>
    public const string Outcome = "certfunctions.outcome";

    /// <summary>The issuance step a failure happened in (Ordering, SelfChecking, ...).</summary>
    public const string FailureKind = "certfunctions.failure_kind";

    /// <summary>The named ACME issuer.</summary>
    public const string Issuer = "certfunctions.issuer";

    /// <summary>The ACME endpoint kind (newOrder, order, finalize, ...).</summary>
    public const string AcmeEndpoint = "acme.endpoint";

    /// <summary>The HTTP method.</summary>
    public const string HttpMethod = "http.request.method";

    /// <summary>The HTTP status code, or 0 when no answer came.</summary>
    public const string HttpStatus = "http.response.status_code";

    /// <summary>The Kubernetes verb (get, list, create, patch, ...).</summary>
    public const string KubernetesVerb = "k8s.verb";

    /// <summary>The Kubernetes resource (secrets, ingresses, ...), with its subresource (ingresses/status).</summary>
    public const string KubernetesResource = "k8s.resource";

    /// <summary>renewal or discovery.</summary>
    public const string ScanKind = "certfunctions.scan";

    /// <summary>passed or failed (a self-check round); delivered, refused or unreachable (a notification).</summary>
    public const string Result = "certfunctions.result";

    /// <summary>A webhook's configured name (never its URL).</summary>
    public const string Webhook = "certfunctions.webhook";

    /// <summary>A notification's event (issued, renewed, failed, expiring, cleanupFailed).</summary>
    public const string NotificationEvent = "certfunctions.event";
}

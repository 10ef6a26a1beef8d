using System.ComponentModel.DataAnnotations;

namespace CertFunctions.Core.Admission;

/// <summary>The admission webhook the cluster calls on Ingress and Gateway writes (section <c>AdmissionWebhook</c>).</summary>
public sealed class AdmissionWebhookOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AdmissionWebhook";

    /// <summary>False answers every review with "allowed" and starts nothing (the switch-off; the cluster's writes go on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The secret path segment of the webhook URL (<c>/api/admission/{cluster}/{secret}</c>), at least 32 characters; the
    /// API server cannot send a query string or a header, so the path carries it. Empty: every call is refused with 401.
    /// </summary>
    [MinLength(32, ErrorMessage = "AdmissionWebhook:Secret must be at least 32 characters (for example: openssl rand -hex 32).")]
    public string? Secret { get; set; }

    /// <summary>How long an admitted write's issuance waits for the object to be readable at the admitted generation.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "AdmissionWebhook:WaitTimeout must be between 5 s and 10 minutes.")]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(1);
}

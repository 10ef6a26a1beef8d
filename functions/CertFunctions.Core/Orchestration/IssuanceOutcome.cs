using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Orchestration.Activities;

namespace CertFunctions.Core.Orchestration;

/// <summary>
/// How an issuance's end is described: its result, the Event on the Ingress and the state to remember. Shared by the
/// orchestrator and <see cref="CompleteIssuanceActivity"/>, so the report reads the same whichever of them sends it.
/// </summary>
public static class IssuanceOutcome
{
    private const int MaxEventMessageLength = 900;

    /// <summary>The result of a stored certificate.</summary>
    public static IssuanceResult Result(SuccessReport report, FinalizeOutput stored)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stored);
        var secret = stored.Secret ?? throw new ArgumentException("Nothing was stored (rate-limited).", nameof(stored));
        return new IssuanceResult(
            report.Certificate, report.Hosts, report.SecretName, secret.Serial, secret.NotBefore, secret.NotAfter, secret.Issuer,
            stored.PlannedRenewal ?? secret.NotAfter, report.OrderUrl, stored.AriCertificateId, report.Issuer);
    }

    /// <summary>The Event (issued or renewed) and the state (back-off reset) of a stored certificate.</summary>
    public static ReportOutcomeInput Succeeded(SuccessReport report, IssuanceResult result)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(result);
        var renewal = report.Reason is IssuanceReason.Renewal or IssuanceReason.Forced or IssuanceReason.IssuerChanged;
        var from = report.Issuer is null ? string.Empty : $" from issuer {report.Issuer}";
        var why = report.Reason == IssuanceReason.IssuerChanged ? " The object asks for this issuer now, so the certificate was replaced at once." : string.Empty;
        return new ReportOutcomeInput(
            new RecordEventInput(
                report.Certificate,
                renewal ? IngressEventReasons.CertificateRenewed : IngressEventReasons.CertificateIssued,
                $"Certificate for {string.Join(", ", result.Hosts)}{from} stored in Secret {result.SecretName} (serial {result.Serial}, " +
                $"valid until {result.NotAfter:u}, renewal planned {result.PlannedRenewal:u}).{why}",
                IngressEventType.Normal),
            new SaveStateInput(report.Certificate, report.InstanceId, report.At, report.Hosts, report.SecretName, result, null, report.Issuer, report.StartedAt));
    }

    /// <summary>
    /// The Warning Event for a stored certificate whose challenge routes could not be removed; the state stays a
    /// success (the certificate is in place), so nothing backs off.
    /// </summary>
    public static ReportOutcomeInput SucceededWithLeftovers(SuccessReport report, IssuanceResult result, string warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var succeeded = Succeeded(report, result);
        return succeeded with
        {
            Event = new RecordEventInput(report.Certificate, IngressEventReasons.ChallengeCleanupFailed, EventMessage(warning), IngressEventType.Warning),
        };
    }

    /// <summary>The Warning Event and the state (one more failure, back-off) of a failed issuance.</summary>
    public static ReportOutcomeInput Failed(SaveStateInput state, string failure)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(failure);
        return new ReportOutcomeInput(
            new RecordEventInput(
                state.Certificate,
                IngressEventReasons.IssuanceFailed,
                EventMessage(state.Issuer is null ? failure : $"Issuer {state.Issuer}: {failure}"),
                IngressEventType.Warning),
            state with { Result = null, Error = failure });
    }

    /// <summary>A reason cut to what an Event message should hold.</summary>
    private static string EventMessage(string text) => text.Length <= MaxEventMessageLength ? text : text[..MaxEventMessageLength] + "…";
}

using CertFunctions.Core.Acme;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Renewal;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Records how an issuance ended: a Kubernetes Event on the Ingress, and the outcome and back-off in storage. A failure
/// also removes the run's pending certificate key, which no later step will use. Safe to run again: the same failure
/// reported twice counts once, and the same Event bumps its count.
/// </summary>
public sealed class ReportOutcomeActivity(IngressEventRecorder events, CertificateStateStore store, PendingKeyStore pendingKeys)
    : IssuanceActivity<ReportOutcomeInput, CertificateState>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(ReportOutcomeActivity);

    /// <inheritdoc />
    protected override async Task<CertificateState> RunStepAsync(TaskActivityContext context, ReportOutcomeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // The recorder never throws (an Event is best effort); the state write may, and is retried.
        var recorded = input.Event;
        var recording = events.RecordAsync(recorded.Certificate, recorded.Reason, recorded.Message, recorded.Type, CancellationToken.None);
        // A success starts the state afresh; only a failure builds on the previous one (its failure count). The previous
        // state is read either way: it tells whether an earlier attempt of this activity already counted this outcome.
        var previous = await store.ReadAsync(input.State.Certificate, CancellationToken.None).ConfigureAwait(false);
        var state = Next(input.State.Result is null ? previous : null, input.State);
        RecordTelemetry(previous, input.State);
        // Every terminal outcome but a stored certificate ends here: the key the run kept for its order has no use left.
        var discarding = input.State.Result is null
            ? pendingKeys.DeleteOwnedByAsync(input.State.InstanceId, DateTimeOffset.MaxValue, CancellationToken.None)
            : Task.FromResult(0);
        await Task.WhenAll(recording, store.WriteAsync(state, CancellationToken.None), discarding).ConfigureAwait(false);
        return state;
    }

    /// <summary>Counts the outcome once (not again when this activity runs twice) and refreshes the certificate gauges.</summary>
    private static void RecordTelemetry(CertificateState? previous, SaveStateInput input)
    {
        System.Diagnostics.Activity.Current?.SetTag(Telemetry.TelemetryTags.InstanceId, input.InstanceId);
        Telemetry.IssuanceTelemetry.Describe(System.Diagnostics.Activity.Current, input.Certificate);
        if (input.Result is { } result)
        {
            Telemetry.CertificateGauges.Observe(input.Certificate, input.Certificate.SecretNamespace, result.SecretName, result.NotAfter, result.PlannedRenewal);
            if (previous is { LastOutcome: CertificateOutcome.Succeeded } && string.Equals(previous.Serial, result.Serial, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }
        else if (previous is { LastOutcome: CertificateOutcome.Failed } && previous.LastInstanceId == input.InstanceId && previous.LastAttemptAt == input.At)
        {
            return;
        }

        var issuer = input.Result?.AcmeIssuer ?? input.Issuer;
        Telemetry.IssuanceTelemetry.Completed(
            input.Certificate, issuer, input.Result is null ? input.FailureKind ?? "Unknown" : null, input.At - input.StartedAt);
    }

    /// <summary>The state after an issuance: success resets the back-off; a failure counts and pushes the next attempt out.</summary>
    public static CertificateState Next(CertificateState? previous, SaveStateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Result is { } result)
        {
            return new CertificateState(
                input.Certificate, result.Hosts, result.SecretName, CertificateOutcome.Succeeded, input.At, input.At,
                0, null, null, result.Serial, result.NotAfter, result.PlannedRenewal, input.InstanceId, result.AriCertificateId,
                result.AcmeIssuer ?? input.Issuer);
        }

        if (previous is { LastOutcome: CertificateOutcome.Failed } && previous.LastInstanceId == input.InstanceId && previous.LastAttemptAt == input.At)
        {
            // This very failure was recorded by an earlier attempt of this activity: counting it again would lengthen the back-off.
            return previous;
        }

        var failures = (previous?.ConsecutiveFailures ?? 0) + 1;
        return new CertificateState(
            input.Certificate,
            input.Hosts.Count > 0 ? input.Hosts : previous?.Hosts ?? [],
            input.SecretName ?? previous?.SecretName,
            CertificateOutcome.Failed,
            input.At,
            previous?.LastSuccessAt,
            failures,
            FailureBackoff.NextAttempt(input.At, failures),
            input.Error,
            previous?.Serial,
            previous?.NotAfter,
            previous?.PlannedRenewal,
            input.InstanceId,
            previous?.AriCertificateId,
            // The issuer of the certificate in place, if one is; else the one this failed attempt used.
            previous?.Issuer ?? input.Issuer);
    }
}

using CertFunctions.Core.Renewal;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Records how an issuance ended: outcome, back-off after failures, the deployed certificate.</summary>
public sealed class SaveStateActivity(CertificateStateStore store) : TaskActivity<SaveStateInput, CertificateState>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(SaveStateActivity);

    /// <inheritdoc />
    public override async Task<CertificateState> RunAsync(TaskActivityContext context, SaveStateInput input)
    {
        var previous = await store.ReadAsync(input.Certificate, CancellationToken.None).ConfigureAwait(false);
        CertificateState state;
        if (input.Result is { } result)
        {
            state = new CertificateState(
                input.Certificate, result.Hosts, result.SecretName, CertificateOutcome.Succeeded, input.At, input.At,
                0, null, null, result.Serial, result.NotAfter, result.PlannedRenewal, input.InstanceId, result.AriCertificateId);
        }
        else
        {
            var failures = (previous?.ConsecutiveFailures ?? 0) + 1;
            state = new CertificateState(
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
                previous?.AriCertificateId);
        }

        await store.WriteAsync(state, CancellationToken.None).ConfigureAwait(false);
        return state;
    }
}

using CertFunctions.Core.Orchestration.Activities;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration;

/// <summary>
/// The run of a Gateway as a whole: reads its listeners, then issues each Secret's certificate (only the due ones when
/// the request names them) in turn as a sub-orchestration of its own (its own instance id, so orders, tokens and pending
/// keys stay per certificate), and fails naming every certificate that failed after trying them all. One run per
/// Gateway at a time, since the parent's instance id is derived from the Gateway; see docs/architecture.md.
/// </summary>
internal static class GatewayIssuance
{
    public static async Task<IssuanceResult> RunAsync(TaskOrchestrationContext context, IssueCertificateRequest input)
    {
        var gateway = input.Certificate;
        if (input.StartDelay is { } delay && delay > TimeSpan.Zero)
        {
            SetStatus(context, IssuanceStep.Scheduled, null, $"starting after {delay}");
            await context.CreateTimer(delay, CancellationToken.None).ConfigureAwait(true);
        }

        SetStatus(context, IssuanceStep.ReadingIngress, null, "read the Gateway's listeners");
        GatewayIssuancePlan plan;
        try
        {
            plan = await context.CallActivityAsync<GatewayIssuancePlan>(ReadGatewayActivity.Name, gateway, IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            SetStatus(context, IssuanceStep.Failed, ex.FailureDetails.ErrorMessage, null);
            throw new IssuanceFailedException(ex.FailureDetails.ErrorMessage);
        }

        if (plan.Certificates.Count == 0)
        {
            var none = $"Gateway '{gateway.Namespace}/{gateway.Name}' has no HTTPS listener that can get a certificate; nothing was changed." +
                (plan.Problems.Count == 0 ? " Add an HTTPS listener with tls.mode Terminate, a hostname and a certificateRef." : " " + string.Join(" ", plan.Problems));
            SetStatus(context, IssuanceStep.Failed, none, null);
            throw new IssuanceFailedException(none);
        }

        // The scan, discovery and the webhook name the Secrets that are due (each with its reason and ARI id), so one due
        // Secret does not renew its siblings early; the API's request (no list) issues them all.
        var due = input.Due?.ToDictionary(d => d.Secret, StringComparer.Ordinal);
        var certificates = due is null ? plan.Certificates : [.. plan.Certificates.Where(c => due.ContainsKey(c.Secret!))];
        if (certificates.Count == 0)
        {
            // Every due Secret left the listeners between the check and this read: nothing is issued, nothing is reported.
            SetStatus(context, IssuanceStep.NotNeeded, null, "no listener names the Secrets that were due any more");
            return null!;
        }

        IReadOnlyList<string> operations = [.. certificates.Select(c => c.InstanceId)];
        var results = new List<IssuanceResult>();
        var failures = new List<string>();
        for (var i = 0; i < certificates.Count; i++)
        {
            var certificate = certificates[i];
            var secretDue = due?[certificate.Secret!];
            // Recorded before the child is scheduled (same checkpoint), so a cancellation that sees the child sees its id here.
            SetStatus(context, IssuanceStep.PresentingChallenges, failures.LastOrDefault(),
                $"certificate {i + 1} of {certificates.Count}: Secret {certificate.Secret} (operation {certificate.InstanceId})", operations);
            try
            {
                results.Add(await context.CallSubOrchestratorAsync<IssuanceResult>(
                    IssueCertificateOrchestrator.Name,
                    new IssueCertificateRequest(certificate, secretDue?.Reason ?? input.Reason, Replaces: secretDue?.Replaces),
                    new SubOrchestrationOptions { InstanceId = certificate.InstanceId }).ConfigureAwait(true));
            }
            catch (TaskFailedException ex)
            {
                // The child reported its own failure (Event, state, cleanup); the other Secrets are still issued.
                failures.Add($"Secret {certificate.Secret}: {ex.FailureDetails.ErrorMessage}");
            }
        }

        if (failures.Count > 0)
        {
            var failure = $"{failures.Count} of {certificates.Count} certificates of Gateway '{gateway.Namespace}/{gateway.Name}' failed: {string.Join(" | ", failures)}";
            SetStatus(context, IssuanceStep.Failed, failure, null, operations);
            throw new IssuanceFailedException(failure);
        }

        SetStatus(context, IssuanceStep.Completed, null, string.Join(", ", results.Select(r => r.SecretName)), operations);

        // One result for the Gateway: every host and Secret; serial and validity are the first certificate's.
        return results[0] with
        {
            Certificate = gateway,
            Hosts = [.. results.SelectMany(r => r.Hosts).Distinct(StringComparer.Ordinal)],
            SecretName = string.Join(",", results.Select(r => r.SecretName)),
        };
    }

    private static void SetStatus(TaskOrchestrationContext context, IssuanceStep step, string? lastError, string? detail, IReadOnlyList<string>? operations = null) =>
        context.SetCustomStatus(new IssuanceStatus(step, null, null, lastError, detail, context.CurrentUtcDateTime, operations));
}

using CertFunctions.Core.Acme;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Renewal;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Idempotence;

/// <summary>A private key kept for an order does not outlive an issuance that ends without storing the certificate.</summary>
[Collection(LocalWorldCollection.Name)]
public sealed class PendingKeyTests(LocalWorldFixture fixture) : IDisposable
{
    private readonly IssuanceSteps _steps = new(fixture.World);

    public void Dispose() => _steps.Dispose();

    [Fact]
    public async Task A_CA_refusal_at_finalize_leaves_no_pending_key_once_the_failure_is_reported()
    {
        var ns = await E2E.SeedIngressAsync(fixture.World, "web", ["refused.keys.example.test"]);
        var certificate = new Core.Certificates.CertificateRef("default", ns, "web");
        var prepared = await _steps.RunAsync<PrepareIssuanceActivity, PrepareIssuanceInput, PreparedIssuance>(certificate, IssuanceSteps.Prepare(certificate));
        await _steps.RunAsync<PresentChallengeActivity, PresentChallengesInput, PresentedChallenge>(certificate, IssuanceSteps.Present(certificate, prepared));
        Assert.True((await _steps.RunAsync<SelfCheckActivity, SelfCheckInput, SelfCheckRound>(certificate, IssuanceSteps.SelfCheck(prepared))).Passed);
        Assert.Equal(ValidationState.Valid, (await _steps.RunAsync<ValidateActivity, ValidateInput, ValidateOutput>(certificate, IssuanceSteps.Validate(certificate, prepared))).State);

        // A CSR naming more than the order: the CA refuses the finalize, after the key was kept for it.
        var finalize = IssuanceSteps.Finalize(certificate, prepared) with { Hosts = [.. prepared.Plan.Spec.Hosts, "other.keys.example.test"] };
        var refusal = await Assert.ThrowsAnyAsync<CertFunctions.Acme.Errors.AcmeProblemException>(
            () => _steps.RunAsync<FinalizeAndStoreActivity, FinalizeInput, FinalizeOutput>(certificate, finalize));
        Assert.NotEmpty(await OwnedAsync(certificate.InstanceId));

        // The orchestration reports every terminal failure; that report removes the key.
        await _steps.RunAsync<ReportOutcomeActivity, ReportOutcomeInput, CertificateState>(
            certificate,
            IssuanceOutcome.Failed(
                new SaveStateInput(certificate, certificate.InstanceId, DateTimeOffset.UtcNow, prepared.Plan.Spec.Hosts, prepared.Plan.Spec.SecretName, null, refusal.Message),
                refusal.Message));

        Assert.Empty(await OwnedAsync(certificate.InstanceId));
    }

    private async Task<IReadOnlyList<PendingKeyEntry>> OwnedAsync(string instanceId)
        => [.. (await _steps.Get<PendingKeyStore>().ListAsync(CancellationToken.None)).Where(k => k.Owner == instanceId)];
}

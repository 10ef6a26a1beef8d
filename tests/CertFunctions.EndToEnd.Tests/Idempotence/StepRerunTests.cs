using CertFunctions.Core.Acme;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Renewal;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Idempotence;

/// <summary>
/// Durable activities run at least once: a worker that dies mid-activity has it run again elsewhere. Each step here runs
/// twice in a row with the same input against the real programs, and the second run must end where the first did.
/// </summary>
[Collection(LocalWorldCollection.Name)]
public sealed class StepRerunTests(LocalWorldFixture fixture) : IDisposable
{
    private readonly IssuanceSteps _steps = new(fixture.World);

    public void Dispose() => _steps.Dispose();

    [Fact]
    public async Task Answering_the_challenges_again_after_the_CA_took_them_does_not_fail_the_validation()
    {
        var (certificate, prepared) = await PrepareAsync("answer-twice");
        await _steps.RunAsync<PresentChallengeActivity, PresentChallengesInput, PresentedChallenge>(certificate, IssuanceSteps.Present(certificate, prepared));
        Assert.True((await _steps.RunAsync<SelfCheckActivity, SelfCheckInput, SelfCheckRound>(certificate, IssuanceSteps.SelfCheck(prepared))).Passed);

        var first = await _steps.RunAsync<ValidateActivity, ValidateInput, ValidateOutput>(certificate, IssuanceSteps.Validate(certificate, prepared));
        var second = await _steps.RunAsync<ValidateActivity, ValidateInput, ValidateOutput>(certificate, IssuanceSteps.Validate(certificate, prepared));

        Assert.Equal(ValidationState.Valid, first.State);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Ordering_again_for_the_same_instance_goes_on_with_the_order_it_created()
    {
        var (certificate, prepared) = await PrepareAsync("order-twice");
        var input = new CreateOrderInput(certificate, prepared.Plan.Spec.Hosts, prepared.Plan.Profile, null);

        var again = await _steps.RunAsync<CreateOrderActivity, CreateOrderInput, CreateOrderOutput>(certificate, input);
        var preparedAgain = await _steps.RunAsync<PrepareIssuanceActivity, PrepareIssuanceInput, PreparedIssuance>(certificate, IssuanceSteps.Prepare(certificate));

        Assert.Equal(prepared.Order.OrderUrl, again.OrderUrl);
        Assert.Equal(prepared.Order.Challenges, again.Challenges);
        Assert.Equal(Json(prepared.Order), Json(preparedAgain.Order));
    }

    [Fact]
    public async Task Reporting_the_same_failure_twice_counts_it_once()
    {
        var (certificate, prepared) = await PrepareAsync("fail-twice");
        var failure = IssuanceOutcome.Failed(
            new SaveStateInput(certificate, certificate.InstanceId, DateTimeOffset.UtcNow, prepared.Plan.Spec.Hosts, prepared.Plan.Spec.SecretName, null, "the CA said no"),
            "the CA said no");

        var first = await _steps.RunAsync<ReportOutcomeActivity, ReportOutcomeInput, CertificateState>(certificate, failure);
        var second = await _steps.RunAsync<ReportOutcomeActivity, ReportOutcomeInput, CertificateState>(certificate, failure);

        Assert.Equal(1, first.ConsecutiveFailures);
        Assert.Equal(Json(first), Json(second));
    }

    [Fact]
    public async Task Every_step_of_an_issuance_run_twice_in_a_row_ends_where_one_run_ends()
    {
        var world = fixture.World;
        var (certificate, prepared) = await PrepareAsync("steps-twice");
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", certificate.Namespace));
        var plan = await TwiceAsync<ReadIngressActivity, ReadIngressInput, IssuancePlan>(certificate, new ReadIngressInput(certificate, certificate.InstanceId));
        Assert.Equal(prepared.Plan.Spec.Hosts, plan.Spec.Hosts);

        var order = await TwiceAsync<CreateOrderActivity, CreateOrderInput, CreateOrderOutput>(
            certificate, new CreateOrderInput(certificate, plan.Spec.Hosts, plan.Profile, null));
        Assert.Equal(prepared.Order.OrderUrl, order.OrderUrl);

        var presented = await TwiceAsync<PresentChallengeActivity, PresentChallengesInput, PresentedChallenge>(
            certificate, IssuanceSteps.Present(certificate, prepared), (a, b) => Assert.Equal(a.Paths, b.Paths));
        Assert.Single(presented.Paths);
        var routed = await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", certificate.Namespace);
        Assert.Single(
            routed["spec"]!["rules"]!.AsArray().SelectMany(r => r!["http"]!["paths"]!.AsArray()),
            p => ((string?)p!["path"])!.StartsWith("/.well-known/acme-challenge/", StringComparison.Ordinal));

        await TwiceAsync<SelfCheckActivity, SelfCheckInput, SelfCheckRound>(
            certificate, IssuanceSteps.SelfCheck(prepared), (a, b) => Assert.True(a.Passed && b.Passed));
        var validated = await TwiceAsync<ValidateActivity, ValidateInput, ValidateOutput>(certificate, IssuanceSteps.Validate(certificate, prepared));
        Assert.Equal(ValidationState.Valid, validated.State);

        var stored = await TwiceAsync<FinalizeAndStoreActivity, FinalizeInput, FinalizeOutput>(
            certificate,
            IssuanceSteps.Finalize(certificate, prepared),
            (a, b) => Assert.Equal((a.Secret!.Serial, a.Secret.NotAfter, a.PlannedRenewal, a.AriCertificateId), (b.Secret!.Serial, b.Secret.NotAfter, b.PlannedRenewal, b.AriCertificateId)));
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", certificate.Namespace);
        Assert.Equal(stored.Secret!.Serial, (string?)secret["metadata"]!["annotations"]!["certfunctions.io/serial"]);
        Assert.Empty(await _steps.Get<PendingKeyStore>().ListAsync(CancellationToken.None));

        await TwiceAsync<CleanupActivity, CleanupInput, bool>(certificate, IssuanceSteps.Cleanup(certificate, prepared, presented));
        var after = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", certificate.Namespace));
        Assert.Single(after["spec"]!["tls"]!.AsArray());
        after["spec"]!.AsObject().Remove("tls");
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(after));

        var report = IssuanceSteps.Report(certificate, prepared, DateTimeOffset.UtcNow);
        await TwiceAsync<ReportOutcomeActivity, ReportOutcomeInput, CertificateState>(
            certificate, IssuanceOutcome.Succeeded(report, IssuanceOutcome.Result(report, stored)), null);
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", certificate.Namespace);
        Assert.Single(events["items"]!.AsArray(), e => (string?)e!["reason"] == "CertificateIssued");
    }

    [Fact]
    public async Task Every_composite_step_run_twice_in_a_row_ends_where_one_run_ends()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "web", ["composites-twice.rerun.example.test"]);
        var certificate = new CertificateRef("default", ns, "web");
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));

        var prepared = await TwiceAsync<PrepareIssuanceActivity, PrepareIssuanceInput, PreparedIssuance>(
            certificate, IssuanceSteps.Prepare(certificate), (a, b) => Assert.Equal(Json(a.Order), Json(b.Order)));
        var solved = await TwiceAsync<SolveChallengesActivity, SolveChallengesInput, SolvedChallenges>(
            certificate,
            new SolveChallengesInput(IssuanceSteps.Present(certificate, prepared), IssuanceSteps.SelfCheck(prepared), IssuanceSteps.Validate(certificate, prepared)),
            (a, b) => Assert.Equal((a.Presented.Paths.Single(), a.Validation), (b.Presented.Paths.Single(), b.Validation)));
        Assert.Equal(ValidationState.Valid, solved.Validation!.State);

        var report = IssuanceSteps.Report(certificate, prepared, DateTimeOffset.UtcNow);
        var completed = await TwiceAsync<CompleteIssuanceActivity, CompleteIssuanceInput, CompletedIssuance>(
            certificate,
            new CompleteIssuanceInput(IssuanceSteps.Finalize(certificate, prepared), IssuanceSteps.Cleanup(certificate, prepared, solved.Presented), report),
            (a, b) => Assert.Equal((a.Stored.Secret!.Serial, a.CleanedUp, a.Reported), (b.Stored.Secret!.Serial, b.CleanedUp, b.Reported)));
        Assert.True(completed.CleanedUp && completed.Reported);

        var after = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));
        Assert.Single(after["spec"]!["tls"]!.AsArray());
        after["spec"]!.AsObject().Remove("tls");
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(after));
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", ns);
        Assert.Equal(completed.Stored.Secret!.Serial, (string?)secret["metadata"]!["annotations"]!["certfunctions.io/serial"]);
    }

    [Fact]
    public async Task Every_composite_step_for_a_GitOps_managed_Ingress_run_twice_leaves_the_Ingress_as_Git_declares_it()
    {
        var world = fixture.World;
        var annotations = new Dictionary<string, string>
        {
            ["argocd.argoproj.io/tracking-id"] = "shop:networking.k8s.io/Ingress:shop/web",
            ["certfunctions.io/routing"] = "in-place",
        };
        var ns = await E2E.SeedIngressAsync(world, "web", ["gitops-twice.rerun.example.test"], annotations);
        var certificate = new CertificateRef("default", ns, "web");
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));

        var prepared = await TwiceAsync<PrepareIssuanceActivity, PrepareIssuanceInput, PreparedIssuance>(
            certificate, IssuanceSteps.Prepare(certificate), (a, b) => Assert.Equal(Json(a.Order), Json(b.Order)));
        var solved = await TwiceAsync<SolveChallengesActivity, SolveChallengesInput, SolvedChallenges>(
            certificate,
            new SolveChallengesInput(IssuanceSteps.Present(certificate, prepared), IssuanceSteps.SelfCheck(prepared), IssuanceSteps.Validate(certificate, prepared)),
            (a, b) => Assert.Equal((a.Presented.SolverIngressName, a.Validation), (b.Presented.SolverIngressName, b.Validation)));
        Assert.Equal(RoutingStrategy.SolverIngress, solved.Presented.Strategy);
        var completed = await TwiceAsync<CompleteIssuanceActivity, CompleteIssuanceInput, CompletedIssuance>(
            certificate,
            new CompleteIssuanceInput(IssuanceSteps.Finalize(certificate, prepared), IssuanceSteps.Cleanup(certificate, prepared, solved.Presented),
                IssuanceSteps.Report(certificate, prepared, DateTimeOffset.UtcNow)),
            (a, b) => Assert.Equal((a.Stored.Secret!.Serial, a.CleanedUp, a.Reported), (b.Stored.Secret!.Serial, b.CleanedUp, b.Reported)));

        // Nothing of the user's Ingress changed (no challenge path, no spec.tls), the solver Ingress is gone.
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns))));
        Assert.Single((await E2E.GetJsonAsync(world, "get", "ingresses", "-n", ns))["items"]!.AsArray());
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", ns);
        Assert.Equal(completed.Stored.Secret!.Serial, (string?)secret["metadata"]!["annotations"]!["certfunctions.io/serial"]);
        var events = (await E2E.GetJsonAsync(world, "get", "events", "-n", ns))["items"]!.AsArray();
        Assert.Single(events, e => (string?)e!["reason"] == "TlsReferenceMissing");
        Assert.Single(events, e => (string?)e!["reason"] == "InPlaceRoutingRefused");
    }

    private async Task<(CertificateRef Certificate, PreparedIssuance Prepared)> PrepareAsync(string name)
    {
        var ns = await E2E.SeedIngressAsync(fixture.World, "web", [$"{name}.rerun.example.test"]);
        var certificate = new CertificateRef("default", ns, "web");
        var prepared = await _steps.RunAsync<PrepareIssuanceActivity, PrepareIssuanceInput, PreparedIssuance>(certificate, IssuanceSteps.Prepare(certificate));
        Assert.Single(prepared.Order.Challenges);
        return (certificate, prepared);
    }

    /// <summary>An output as the orchestration's history would hold it.</summary>
    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, System.Text.Json.JsonSerializerOptions.Web);

    /// <summary>Runs the step twice with the same input; the outcomes must agree (by <paramref name="same"/>, else as serialized into history).</summary>
    private async Task<TOutput> TwiceAsync<TActivity, TInput, TOutput>(CertificateRef certificate, TInput input, Action<TOutput, TOutput>? same = null)
        where TActivity : Microsoft.DurableTask.TaskActivity<TInput, TOutput>
    {
        var first = await _steps.RunAsync<TActivity, TInput, TOutput>(certificate, input);
        var second = await _steps.RunAsync<TActivity, TInput, TOutput>(certificate, input);
        (same ?? ((a, b) => Assert.Equal(Json(a), Json(b))))(first, second);
        return first;
    }
}

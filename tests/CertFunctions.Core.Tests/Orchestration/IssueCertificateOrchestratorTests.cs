using System.Text.Json;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace CertFunctions.Core.Tests.Orchestration;

/// <summary>The real orchestrator under real replay (InProcessTestHost), with activity fakes at its boundary.</summary>
public sealed class IssueCertificateOrchestratorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_happy_path_runs_every_step_in_order_and_cleans_up()
    {
        var world = new FakeIssuanceWorld();
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var result = state.ReadOutputAs<IssuanceResult>()!;
        Assert.Equal("0a1b2c", result.Serial);
        Assert.Equal(["a.example.test", "b.example.test"], result.Hosts);

        var calls = world.Calls.ToArray();
        string[] order =
        [
            ReadIngressActivity.Name, CreateOrderActivity.Name, PresentChallengeActivity.Name, SelfCheckActivity.Name,
            ValidateActivity.Name, FinalizeAndStoreActivity.Name, CleanupActivity.Name, ReportOutcomeActivity.Name,
        ];
        var positions = order.Select(name => Array.IndexOf(calls, name)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);

        // Steps that always follow each other share a task-hub round trip.
        Assert.Equal([PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, CompleteIssuanceActivity.Name], world.Dispatched);
        Assert.True(Assert.Single(world.Validations).Answer);

        var cleanup = Assert.Single(world.Cleanups);
        Assert.NotNull(cleanup.Presented);
        Assert.Equal(2, cleanup.Tokens.Count);
        var presented = Assert.Single(world.Presentations);
        Assert.Equal(cleanup.Tokens, presented.Routing.Tokens);
        Assert.Equal(cleanup.Owner, presented.Owner);
        Assert.Contains(world.Events, e => e.Reason == IngressEventReasons.CertificateIssued && e.Type == IngressEventType.Normal);
        Assert.Null(Assert.Single(world.States).Error);
    }

    [Fact]
    public async Task The_self_check_is_repeated_until_it_passes_before_the_ca_is_asked()
    {
        var world = new FakeIssuanceWorld { SelfCheckPasses = attempt => attempt >= 3 };
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(3, world.Attempts[SelfCheckActivity.Name]);
        var calls = world.Calls.ToArray();
        Assert.True(Array.LastIndexOf(calls, SelfCheckActivity.Name) < Array.IndexOf(calls, ValidateActivity.Name));

        // The first round ran inside the solve activity, which stopped before the CA; the rest ran on their own.
        Assert.Equal(2, world.Dispatched.Count(name => name == SelfCheckActivity.Name));
        Assert.True(Assert.Single(world.Validations).Answer);
    }

    [Fact]
    public async Task A_pending_validation_is_polled_with_durable_timers_without_answering_again()
    {
        var world = new FakeIssuanceWorld { Validation = attempt => attempt < 3 ? ValidationState.Pending : ValidationState.Valid };
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal([true, false, false], world.Validations.Select(v => v.Answer));
        Assert.Equal(2, world.Dispatched.Count(name => name == ValidateActivity.Name));
    }

    [Fact]
    public async Task In_wait_mode_the_ca_is_asked_only_after_the_wait()
    {
        var world = new FakeIssuanceWorld
        {
            SelfCheck = new(CertFunctions.Core.SelfCheck.SelfCheckMode.Wait, 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(500)),
        };
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.DoesNotContain(SelfCheckActivity.Name, world.Calls);
        var dispatched = world.Dispatched.ToArray();
        Assert.Equal(Array.IndexOf(dispatched, SolveChallengesActivity.Name) + 1, Array.IndexOf(dispatched, ValidateActivity.Name));
        Assert.True(Assert.Single(world.Validations).Answer);
    }

    [Fact]
    public async Task A_cleanup_that_fails_after_the_certificate_is_stored_is_retried_on_its_own_and_the_issuance_succeeds()
    {
        var world = new FakeIssuanceWorld { CleanupFailure = true };
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal([PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, CompleteIssuanceActivity.Name, CleanupActivity.Name], world.Dispatched);
        var cleanup = Assert.Single(world.Cleanups);
        Assert.NotNull(cleanup.Presented);
        var issued = Assert.Single(world.Events);
        Assert.Equal(IngressEventReasons.CertificateIssued, issued.Reason);
        Assert.Null(Assert.Single(world.States).Error);
    }

    [Fact]
    public async Task An_unreachable_challenge_fails_before_the_ca_is_asked_and_still_cleans_up()
    {
        var world = new FakeIssuanceWorld
        {
            SelfCheckPasses = _ => false,
            SelfCheck = new(CertFunctions.Core.SelfCheck.SelfCheckMode.Check, 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.Zero),
        };
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("not reachable", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidateActivity.Name, world.Calls);
        Assert.Single(world.Cleanups);
        Assert.Contains(world.Events, e => e.Reason == IngressEventReasons.IssuanceFailed && e.Type == IngressEventType.Warning);
        Assert.Contains("not reachable", Assert.Single(world.States).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_certificate_whose_routes_cannot_be_removed_completes_with_a_warning_event()
    {
        var world = new FakeIssuanceWorld { CleanupFailure = true, CleanupActivityFails = true };
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("0a1b2c", state.ReadOutputAs<IssuanceResult>()!.Serial);
        Assert.Contains(world.Events, e => e.Reason == IngressEventReasons.CertificateIssued && e.Type == IngressEventType.Normal);
        var warning = Assert.Single(world.Events, e => e.Type == IngressEventType.Warning);
        Assert.Equal(IngressEventReasons.ChallengeCleanupFailed, warning.Reason);
        Assert.Contains("admission webhook denied", warning.Message, StringComparison.Ordinal);
        Assert.All(world.States, s => Assert.Null(s.Error));
    }

    [Fact]
    public async Task A_failure_in_the_middle_removes_exactly_what_was_presented_and_reports_the_ca_reason()
    {
        var world = new FakeIssuanceWorld { Validation = _ => ValidationState.Invalid };
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("Connection refused", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(FinalizeAndStoreActivity.Name, world.Calls);
        var cleanup = Assert.Single(world.Cleanups);
        Assert.Equal(["a.example.test", "b.example.test"], cleanup.Presented!.Paths.Select(p => p.RuleHost));
        Assert.Contains(world.Events, e => e.Reason == IngressEventReasons.IssuanceFailed && e.Message.Contains("Connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_permanent_ones_are_not()
    {
        var transient = new FakeIssuanceWorld { ReadIngressFailure = attempt => attempt == 1 ? new KubernetesConflictException("Ingress demo/web", 5) : null };
        var (retried, _) = await RunAsync(transient, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, retried.RuntimeStatus);
        Assert.Equal(2, transient.Attempts[ReadIngressActivity.Name]);

        var permanent = new FakeIssuanceWorld { ReadIngressFailure = _ => new InvalidIngressConfigurationException("Ingress demo/web has a wildcard host *.example.test; http-01 cannot validate wildcards.") };
        var (failed, _) = await RunAsync(permanent, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(1, permanent.Attempts[ReadIngressActivity.Name]);
        Assert.Contains("wildcard", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(CreateOrderActivity.Name, permanent.Calls);
        Assert.Empty(permanent.Cleanups);
    }

    [Fact]
    public async Task A_rate_limit_waits_for_its_retry_after_with_a_durable_timer_then_continues()
    {
        var world = new FakeIssuanceWorld
        {
            OrderRateLimit = attempt => attempt == 1 ? new RateLimitNotice(TimeSpan.FromSeconds(2), "too many new orders recently") : null,
        };
        var (state, host) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Renewal));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(2, world.Attempts[CreateOrderActivity.Name]);
        Assert.Contains(world.Events, e => e.Reason == IngressEventReasons.CertificateRenewed);
        _ = host;
    }

    [Fact]
    public async Task Custom_status_shows_the_step_names_and_order()
    {
        var world = new FakeIssuanceWorld();
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        var status = JsonSerializer.Deserialize<IssuanceStatus>(state.SerializedCustomStatus!, JsonSerializerOptions.Web)!;
        Assert.Equal(IssuanceStep.Completed, status.Step);
        Assert.Equal(["a.example.test", "b.example.test"], status.Hosts);
        Assert.Equal(new Uri("https://ca.example.test/order/1"), status.OrderUrl);
    }

    [Fact]
    public async Task No_private_key_material_appears_in_inputs_outputs_or_status()
    {
        var world = new FakeIssuanceWorld();
        var (state, _) = await RunAsync(world, new IssueCertificateRequest(FakeIssuanceWorld.Certificate, IssuanceReason.Requested));

        foreach (var text in new[] { state.SerializedInput, state.SerializedOutput, state.SerializedCustomStatus })
        {
            Assert.DoesNotContain("PRIVATE KEY", text ?? string.Empty, StringComparison.Ordinal);
        }
    }

    private static async Task<(OrchestrationMetadata State, DurableTaskTestHost Host)> RunAsync(FakeIssuanceWorld world, IssueCertificateRequest request)
    {
        var host = await OrchestrationTestHost.StartAsync(registry =>
        {
            registry.AddOrchestrator<IssueCertificateOrchestrator>();
            world.Register(registry);
        });
        await using (host)
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(IssueCertificateOrchestrator.Name, request);
            using var timeout = new CancellationTokenSource(Timeout);
            var state = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            return (state, host);
        }
    }
}

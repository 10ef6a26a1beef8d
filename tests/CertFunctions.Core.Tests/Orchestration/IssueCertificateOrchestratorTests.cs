using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Telemetry;
using CertFunctions.Core.Tests.Orchestration.World;
using CertFunctions.Testing.Pebble;
using CertFunctions.Testing.Telemetry;
using Microsoft.DurableTask.Client;

namespace CertFunctions.Core.Tests.Orchestration;

/// <summary>
/// The real orchestrator under real replay (InProcessTestHost) with the real activity classes, over Pebble, the
/// Kubernetes API emulator and Azurite; faults are injected only where the product meets them (the CA's answers, the
/// cluster's answers, the responder), so these tests prove the flow the product runs, not a copy of it.
/// </summary>
public sealed partial class IssueCertificateOrchestratorTests : IClassFixture<IssuanceWorld>
{
    private readonly IssuanceWorld _world;

    public IssueCertificateOrchestratorTests(IssuanceWorld world)
    {
        _world = world;
        _world.Reset();
    }

    [Fact]
    public async Task A_write_admitted_while_the_run_goes_on_is_checked_once_and_the_run_keeps_its_result_when_it_needs_nothing()
    {
        var certificate = await _world.SeedIngressAsync("follow", "follow.orch.test");
        var ingress = await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress);
        var stored = new CertFunctions.Core.Admission.AdmittedObject(
            ingress!["metadata"]!["uid"]!.GetValue<string>(), ingress["metadata"]!["generation"]!.GetValue<long>(), TimeSpan.FromSeconds(10));
        var older = stored with { Generation = stored.Generation - 1 };

        // Two writes reported while the first run goes on, as the webhook reports them (the newest one counts).
        var run = await _world.RunAsync(Request(certificate), afterStart: async (client, id) =>
        {
            await client.RaiseEventAsync(id, IssueCertificateOrchestrator.AdmittedWriteEvent, older);
            await client.RaiseEventAsync(id, IssueCertificateOrchestrator.AdmittedWriteEvent, stored);
        });

        // The issuance ran once, then the newest write was read at its generation once, found fine and attached: no
        // follow-up, so the operation still shows the issuance's result and status.
        Assert.True(run.State.RuntimeStatus == OrchestrationRuntimeStatus.Completed, run.State.FailureDetails?.ToString() + " " + string.Join(",", run.Dispatched));
        Assert.Equal([PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, CompleteIssuanceActivity.Name, AwaitAdmittedObjectActivity.Name], run.Dispatched);
        Assert.Null(run.State.ReadInputAs<IssueCertificateRequest>()!.Admitted);
        Assert.Equal("follow-tls", run.State.ReadOutputAs<IssuanceResult>()!.SecretName);
        Assert.Equal(IssuanceStep.Completed, JsonSerializer.Deserialize<IssuanceStatus>(run.State.SerializedCustomStatus!, JsonSerializerOptions.Web)!.Step);
        Assert.Single(await _world.EventsAsync(certificate.Namespace), e => e.Reason == "CertificateIssued");
    }

    [Fact]
    public async Task The_happy_path_takes_three_round_trips_stores_attaches_and_leaves_nothing_behind()
    {
        var certificate = await _world.SeedIngressAsync("web", "a.happy.orch.test", "b.happy.orch.test");
        var run = await _world.RunAsync(Request(certificate));

        AssertCompleted(run);
        var result = run.State.ReadOutputAs<IssuanceResult>()!;
        Assert.Equal(["a.happy.orch.test", "b.happy.orch.test"], result.Hosts);

        // Steps that always follow each other share a task-hub round trip; with no webhook configured, no round trip queues notifications.
        Assert.Equal([PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, CompleteIssuanceActivity.Name], run.Dispatched);

        var secret = await _world.GetAsync(certificate.Namespace, "secret", result.SecretName);
        Assert.Equal("kubernetes.io/tls", secret!["type"]!.GetValue<string>());
        var ingress = await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress);
        var tls = Assert.Single(ingress!["spec"]!["tls"]!.AsArray());
        Assert.Equal(result.SecretName, tls!["secretName"]!.GetValue<string>());
        Assert.Empty(ChallengePaths(ingress));

        // Each challenge answered once, and only after every self-check request had passed.
        Assert.Equal(2, ChallengeAnswers().Count);
        var requests = _world.ResponderRequests;
        Assert.Contains("self-check 200", requests);
        Assert.Contains("ca 200", requests);
        Assert.True(requests.ToList().FindLastIndex(r => r.StartsWith("self-check", StringComparison.Ordinal)) < requests.ToList().FindIndex(r => r.StartsWith("ca", StringComparison.Ordinal)));

        // The tokens are gone from storage once the CA no longer needs them.
        var published = await _world.PublishedTokensAsync();
        Assert.All(ChallengeTokens(), token => Assert.DoesNotContain(token, published));

        Assert.Contains(await _world.EventsAsync(certificate.Namespace), e => e.Reason == IngressEventReasons.CertificateIssued && e.Type == "Normal");
    }

    [Fact]
    public async Task A_self_check_that_fails_at_first_is_repeated_until_it_passes_before_the_ca_is_asked()
    {
        var refused = 0;
        _world.ResponderRefuses = request => IssuanceWorld.IsSelfCheck(request) && Interlocked.Increment(ref refused) <= 3;
        var certificate = await _world.SeedIngressAsync("web", "late.orch.test");
        var run = await _world.RunAsync(Request(certificate));

        AssertCompleted(run);
        var requests = _world.ResponderRequests.ToList();
        Assert.Equal(["self-check 404", "self-check 404", "self-check 404"], requests.Take(3));
        Assert.True(requests.FindLastIndex(r => r.StartsWith("self-check", StringComparison.Ordinal)) < requests.FindIndex(r => r.StartsWith("ca", StringComparison.Ordinal)));
        Assert.Single(ChallengeAnswers());
    }

    [Fact]
    public async Task A_self_check_beyond_one_activitys_budget_goes_on_with_durable_timers()
    {
        // The solve activity checks for at most 30 s; a route that takes longer is checked by single rounds in between timers.
        var log = new IssuanceDispatchLog();
        _world.ResponderRefuses = request => IssuanceWorld.IsSelfCheck(request) && log.FinishedCount(SolveChallengesActivity.Name) == 0;
        var certificate = await _world.SeedIngressAsync("web", "slow.orch.test");
        var run = await _world.RunAsync(Request(certificate), new Dictionary<string, string> { ["SelfCheck:Timeout"] = "00:01:00" }, log: log);

        AssertCompleted(run);
        var dispatched = run.Dispatched.ToList();
        Assert.True(dispatched.IndexOf(SolveChallengesActivity.Name) < dispatched.IndexOf(SelfCheckActivity.Name));
        Assert.True(dispatched.LastIndexOf(SelfCheckActivity.Name) < dispatched.IndexOf(ValidateActivity.Name));
        Assert.Single(ChallengeAnswers());
    }

    [Fact]
    public async Task A_pending_validation_is_polled_with_durable_timers_without_answering_again()
    {
        // The CA reports the authorization pending until the solve activity has given up waiting for it (Pebble's
        // own errors, such as its random badNonce, pass unchanged).
        var log = new IssuanceDispatchLog();
        _world.Ca.ReplaceAnswers(exchange => exchange.Path.StartsWith("/authZ/", StringComparison.Ordinal) && exchange.StatusCode == 200
            && log.FinishedCount(SolveChallengesActivity.Name) == 0
            ? new PebbleReplacement(200, StatusValid().Replace(exchange.AnswerBody, "\"status\": \"pending\""), "application/json", new Dictionary<string, string>())
            : null);
        var certificate = await _world.SeedIngressAsync("web", "pending.orch.test");
        var run = await _world.RunAsync(Request(certificate), new Dictionary<string, string> { ["Acme:PollTimeout"] = "00:00:05" }, log: log);

        AssertCompleted(run);
        Assert.Equal([PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, ValidateActivity.Name, CompleteIssuanceActivity.Name], run.Dispatched);
        Assert.Single(ChallengeAnswers());
    }

    [Fact]
    public async Task In_wait_mode_the_ca_is_asked_only_after_the_wait_and_nothing_is_checked()
    {
        var certificate = await _world.SeedIngressAsync("web", "wait.orch.test");
        var run = await _world.RunAsync(Request(certificate), new Dictionary<string, string>
        {
            ["SelfCheck:Mode"] = "Wait",
            ["SelfCheck:WaitDuration"] = "00:00:00.500",
        });

        AssertCompleted(run);
        Assert.Equal([PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, ValidateActivity.Name, CompleteIssuanceActivity.Name], run.Dispatched);
        Assert.DoesNotContain(_world.ResponderRequests, r => r.StartsWith("self-check", StringComparison.Ordinal));
        Assert.Single(ChallengeAnswers());
    }

    [Fact]
    public async Task A_cleanup_that_fails_after_the_certificate_is_stored_is_retried_on_its_own_and_the_issuance_succeeds()
    {
        var failed = 0;
        var certificate = await _world.SeedIngressAsync("web", "cleanup-once.orch.test");
        var run = await _world.RunAsync(
            Request(certificate),
            kubernetesFault: (request, body) => IsChallengeRemoval(request, body) && Interlocked.Increment(ref failed) == 1 ? HttpStatusCode.Forbidden : null);

        AssertCompleted(run);
        Assert.Single(run.KubernetesFaults);
        Assert.Equal([PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, CompleteIssuanceActivity.Name, CleanupActivity.Name], run.Dispatched);
        Assert.Empty(ChallengePaths((await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress))!));
        var events = await _world.EventsAsync(certificate.Namespace);
        Assert.Contains(events, e => e.Reason == IngressEventReasons.CertificateIssued);
        Assert.DoesNotContain(events, e => e.Type == "Warning");
    }

    [Fact]
    public async Task A_stored_certificate_whose_routes_cannot_be_removed_completes_with_a_warning_event()
    {
        var certificate = await _world.SeedIngressAsync("web", "cleanup-denied.orch.test");
        var run = await _world.RunAsync(Request(certificate), kubernetesFault: (request, body) => IsChallengeRemoval(request, body) ? HttpStatusCode.Forbidden : null);

        AssertCompleted(run);
        Assert.NotNull(await _world.GetAsync(certificate.Namespace, "secret", run.State.ReadOutputAs<IssuanceResult>()!.SecretName));
        var events = await _world.EventsAsync(certificate.Namespace);
        Assert.Contains(events, e => e.Reason == IngressEventReasons.CertificateIssued && e.Type == "Normal");
        var warning = Assert.Single(events, e => e.Type == "Warning");
        Assert.Equal(IngressEventReasons.ChallengeCleanupFailed, warning.Reason);
        Assert.Contains("injected by the test", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_challenge_fails_before_the_ca_is_asked_and_still_cleans_up()
    {
        _world.ResponderRefuses = _ => true;
        var certificate = await _world.SeedIngressAsync("web", "unreachable.orch.test");
        var run = await _world.RunAsync(Request(certificate), new Dictionary<string, string> { ["SelfCheck:Timeout"] = "00:00:02" });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.State.RuntimeStatus);
        Assert.Contains("not reachable", run.State.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(ChallengeAnswers());
        Assert.DoesNotContain(_world.ResponderRequests, r => r.StartsWith("ca", StringComparison.Ordinal));
        Assert.Empty(ChallengePaths((await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress))!));
        Assert.Contains(await _world.EventsAsync(certificate.Namespace), e => e.Reason == IngressEventReasons.IssuanceFailed && e.Type == "Warning");
    }

    [Fact]
    public async Task A_challenge_the_ca_cannot_validate_fails_with_its_reason_and_leaves_the_ingress_as_it_was()
    {
        // The self-check reaches the responder; the CA's own request does not (a split-horizon DNS, say).
        _world.ResponderRefuses = request => !IssuanceWorld.IsSelfCheck(request);
        using var metrics = new MeasurementRecorder(TelemetryNames.Meter);
        var certificate = await _world.SeedIngressAsync("web", "invalid.orch.test");
        var before = (await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress))!["spec"]!.ToJsonString();
        var run = await _world.RunAsync(Request(certificate));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.State.RuntimeStatus);
        Assert.Contains("The CA could not validate", run.State.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("404", run.State.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(FinalizeAndStoreActivity.Name, run.Dispatched);
        Assert.DoesNotContain(CompleteIssuanceActivity.Name, run.Dispatched);
        Assert.Equal(before, (await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress))!["spec"]!.ToJsonString());
        Assert.Null(await _world.GetAsync(certificate.Namespace, "secret", "web-tls"));
        Assert.Contains(await _world.EventsAsync(certificate.Namespace), e => e.Reason == IngressEventReasons.IssuanceFailed && e.Message.Contains("404", StringComparison.Ordinal));
        // Counted once as failed, in the step it failed in, with its duration.
        var failed = metrics.Of("certfunctions.issuance.completed", (TelemetryTags.Outcome, "failed"), (TelemetryTags.FailureKind, nameof(IssuanceStep.PresentingChallenges)));
        Assert.Equal(1, failed.Sum(m => m.Value));
        Assert.Single(metrics.Of("certfunctions.issuance.duration", (TelemetryTags.Outcome, "failed"), (TelemetryTags.FailureKind, nameof(IssuanceStep.PresentingChallenges))));
    }

    [Fact]
    public async Task A_transient_cluster_failure_is_retried()
    {
        var failed = 0;
        var certificate = await _world.SeedIngressAsync("web", "transient.orch.test");
        var run = await _world.RunAsync(
            Request(certificate),
            kubernetesFault: (request, _) => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/ingresses/web", StringComparison.Ordinal)
                && Interlocked.Increment(ref failed) == 1 ? HttpStatusCode.ServiceUnavailable : null);

        AssertCompleted(run);
        Assert.Single(run.KubernetesFaults);
        Assert.Equal([PrepareIssuanceActivity.Name, PrepareIssuanceActivity.Name, SolveChallengesActivity.Name, CompleteIssuanceActivity.Name], run.Dispatched);
    }

    [Fact]
    public async Task A_permanent_configuration_error_is_not_retried_and_never_reaches_the_ca()
    {
        var certificate = await _world.SeedIngressAsync("web", "*.wild.orch.test");
        var ordersBefore = _world.CaExchanges.Count(e => e.Path == "/order-plz");
        var before = (await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress))!.ToJsonString();
        var run = await _world.RunAsync(Request(certificate));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, run.State.RuntimeStatus);
        Assert.Contains("wildcard", run.State.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        // Failed before a plan was made: whether a webhook wants the failure is the queueing activity's to decide.
        Assert.Equal([PrepareIssuanceActivity.Name, ReportOutcomeActivity.Name, QueueNotificationsActivity.Name], run.Dispatched);
        Assert.Equal(ordersBefore, _world.CaExchanges.Count(e => e.Path == "/order-plz"));
        Assert.Equal(before, (await _world.GetAsync(certificate.Namespace, "ingress", certificate.Ingress))!.ToJsonString());
    }

    [Fact]
    public async Task A_rate_limit_waits_for_its_retry_after_with_a_durable_timer_then_continues()
    {
        var limited = 0;
        _world.Ca.ReplaceAnswers(exchange => exchange.Path == "/order-plz" && exchange.StatusCode == 201 && Interlocked.Increment(ref limited) == 1
            ? PebbleReplacement.RateLimited(TimeSpan.FromSeconds(2), "too many new orders recently")
            : null);
        using var metrics = new MeasurementRecorder(TelemetryNames.Meter);
        var certificate = await _world.SeedIngressAsync("web", "limited.orch.test");
        var run = await _world.RunAsync(Request(certificate, IssuanceReason.Renewal));

        AssertCompleted(run);
        Assert.Equal(1, metrics.Of("certfunctions.ratelimit.waits", (TelemetryTags.Step, CreateOrderActivity.Name)).Sum(m => m.Value));
        Assert.Equal([PrepareIssuanceActivity.Name, CreateOrderActivity.Name, SolveChallengesActivity.Name, CompleteIssuanceActivity.Name], run.Dispatched);
        Assert.Contains(await _world.EventsAsync(certificate.Namespace), e => e.Reason == IngressEventReasons.CertificateRenewed);
    }

    [Fact]
    public async Task Custom_status_shows_the_last_step_hosts_and_order()
    {
        var certificate = await _world.SeedIngressAsync("web", "status.orch.test");
        var run = await _world.RunAsync(Request(certificate));

        var status = JsonSerializer.Deserialize<IssuanceStatus>(run.State.SerializedCustomStatus!, JsonSerializerOptions.Web)!;
        Assert.Equal(IssuanceStep.Completed, status.Step);
        Assert.Equal(["status.orch.test"], status.Hosts);
        Assert.Equal(_world.Ca.Port, status.OrderUrl!.Port);
        Assert.StartsWith("/my-order/", status.OrderUrl.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_private_key_material_appears_in_inputs_outputs_or_status()
    {
        var certificate = await _world.SeedIngressAsync("web", "secret.orch.test");
        var run = await _world.RunAsync(Request(certificate));

        AssertCompleted(run);
        foreach (var text in new[] { run.State.SerializedInput, run.State.SerializedOutput, run.State.SerializedCustomStatus })
        {
            Assert.DoesNotContain("PRIVATE KEY", text ?? string.Empty, StringComparison.Ordinal);
        }
    }

    private static void AssertCompleted(IssuanceRunRecord run)
        => Assert.True(run.State.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{run.State.RuntimeStatus}: {run.State.FailureDetails?.ErrorMessage}");

    private static IssueCertificateRequest Request(CertificateRef certificate, IssuanceReason reason = IssuanceReason.Requested) => new(certificate, reason);

    /// <summary>
    /// The POSTs the CA accepted as "validate this challenge" (payload <c>{}</c>), in this test; a request Pebble refused
    /// with its random badNonce is sent again by the client, as RFC 8555 says, and is not an answer.
    /// </summary>
    private List<PebbleExchange> ChallengeAnswers()
        => [.. _world.CaExchanges.Where(e => e.Method == "POST" && e.Path.StartsWith("/chalZ/", StringComparison.Ordinal) && e.Payload == "{}" && e.StatusCode == 200)];

    private IEnumerable<string> ChallengeTokens()
        => ChallengeAnswers().Select(e => JsonNode.Parse(e.AnswerBody)!["token"]!.GetValue<string>());

    private static List<string> ChallengePaths(JsonNode ingress)
        => [.. ingress["spec"]!["rules"]!.AsArray()
            .SelectMany(rule => rule!["http"]!["paths"]!.AsArray())
            .Select(path => path!["path"]!.GetValue<string>())
            .Where(path => path.Contains("acme-challenge", StringComparison.Ordinal))];

    /// <summary>The in-place routing's cleanup: a JSON patch of the Ingress that removes a rule path.</summary>
    private static bool IsChallengeRemoval(HttpRequestMessage request, string body)
        => request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.Contains("/ingresses/", StringComparison.Ordinal)
            && body.Contains("\"remove\"", StringComparison.Ordinal) && body.Contains("/spec/rules/", StringComparison.Ordinal);

    [GeneratedRegex("\"status\":\\s*\"valid\"")]
    private static partial Regex StatusValid();
}

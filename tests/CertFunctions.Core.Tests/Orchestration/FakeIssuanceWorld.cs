using System.Collections.Concurrent;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.SelfCheck;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Tests.Orchestration;

/// <summary>
/// Activity fakes at the boundary of the orchestrator, recording every call, so orchestration tests run the real
/// orchestrator with real replay (InProcessTestHost) and assert on what it asked for and in which order.
/// </summary>
internal sealed class FakeIssuanceWorld
{
    public static readonly CertificateRef Certificate = new("default", "demo", "web");

    /// <summary>Every step, including those run inside a composite activity, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The activities the orchestrator called (one task-hub round trip each), in order.</summary>
    public ConcurrentQueue<string> Dispatched { get; } = new();

    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    public Func<int, Exception?> ReadIngressFailure { get; set; } = _ => null;

    public Func<int, Exception?> FinalizeFailure { get; set; } = _ => null;

    public Func<int, RateLimitNotice?> OrderRateLimit { get; set; } = _ => null;

    public Func<int, bool> SelfCheckPasses { get; set; } = _ => true;

    public Func<int, ValidationState> Validation { get; set; } = _ => ValidationState.Valid;

    public bool CleanupFailure { get; set; }

    /// <summary>The cleanup activity fails too, with a permanent error (no retries).</summary>
    public bool CleanupActivityFails { get; set; }

    public IReadOnlyList<ValidateInput> Validations => [.. _validations];

    public SelfCheckPlan SelfCheck { get; set; } = new(SelfCheckMode.Check, 2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20), TimeSpan.Zero);

    public IReadOnlyList<CleanupInput> Cleanups => [.. _cleanups];

    public IReadOnlyList<RecordEventInput> Events => [.. _events];

    public IReadOnlyList<PresentChallengesInput> Presentations => [.. _presented];

    public IReadOnlyList<SaveStateInput> States => [.. _states];

    private readonly ConcurrentQueue<CleanupInput> _cleanups = new();
    private readonly ConcurrentQueue<ValidateInput> _validations = new();
    private readonly ConcurrentQueue<PresentChallengesInput> _presented = new();
    private readonly ConcurrentQueue<RecordEventInput> _events = new();
    private readonly ConcurrentQueue<SaveStateInput> _states = new();

    public void Register(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<ReadIngressInput, IssuancePlan>(ReadIngressActivity.Name, (_, input) => Dispatch(ReadIngressActivity.Name, () => ReadIngress(input)));
        registry.AddActivityFunc<CreateOrderInput, CreateOrderOutput>(CreateOrderActivity.Name, (_, input) => Dispatch(CreateOrderActivity.Name, () => CreateOrder(input)));
        registry.AddActivityFunc<PresentChallengesInput, PresentedChallenge>(PresentChallengeActivity.Name, (_, input) => Dispatch(PresentChallengeActivity.Name, () => Present(input)));
        registry.AddActivityFunc<SelfCheckInput, SelfCheckRound>(SelfCheckActivity.Name, (_, input) => Dispatch(SelfCheckActivity.Name, () => CheckOnce(input)));
        registry.AddActivityFunc<ValidateInput, ValidateOutput>(ValidateActivity.Name, (_, input) => Dispatch(ValidateActivity.Name, () => Validate(input)));
        registry.AddActivityFunc<FinalizeInput, FinalizeOutput>(FinalizeAndStoreActivity.Name, (_, input) => Dispatch(FinalizeAndStoreActivity.Name, () => Finalize(input)));
        registry.AddActivityFunc<CleanupInput, bool>(CleanupActivity.Name, (_, input) => Dispatch(CleanupActivity.Name, () => Cleanup(input)));
        registry.AddActivityFunc<ReportOutcomeInput, CertificateState>(ReportOutcomeActivity.Name, (_, input) => Dispatch(ReportOutcomeActivity.Name, () => Report(input)));

        // The composites follow the contract of the real ones (PrepareIssuanceActivity, SolveChallengesActivity,
        // CompleteIssuanceActivity) over the same fakes, so Calls shows every step in order.
        registry.AddActivityFunc<PrepareIssuanceInput, PreparedIssuance>(PrepareIssuanceActivity.Name, (_, input) =>
        {
            Dispatched.Enqueue(PrepareIssuanceActivity.Name);
            var plan = ReadIngress(new ReadIngressInput(input.Certificate, input.Owner));
            return new PreparedIssuance(plan, CreateOrder(new CreateOrderInput(input.Certificate, plan.Spec.Hosts, plan.Profile, input.Replaces)));
        });
        registry.AddActivityFunc<SolveChallengesInput, SolvedChallenges>(SolveChallengesActivity.Name, (_, input) =>
        {
            Dispatched.Enqueue(SolveChallengesActivity.Name);
            var presented = Present(input.Present);
            var round = input.SelfCheck is null ? null : CheckOnce(input.SelfCheck);
            if (round is { Passed: false })
            {
                return new SolvedChallenges(presented, round, null);
            }

            return new SolvedChallenges(presented, round, input.Validate is null ? null : Validate(input.Validate));
        });
        registry.AddActivityFunc<CompleteIssuanceInput, CompletedIssuance>(CompleteIssuanceActivity.Name, (_, input) =>
        {
            Dispatched.Enqueue(CompleteIssuanceActivity.Name);
            var stored = Finalize(input.Finalize);
            string? cleanupError = null;
            if (input.Cleanup is not null)
            {
                if (CleanupFailure)
                {
                    cleanupError = "Ingress demo/web: the API server is unavailable";
                }
                else
                {
                    Cleanup(input.Cleanup);
                }
            }

            if (input.Report is not null)
            {
                Report(IssuanceOutcome.Succeeded(input.Report, IssuanceOutcome.Result(input.Report, stored)));
            }

            return new CompletedIssuance(stored, cleanupError is null, cleanupError, input.Report is not null);
        });
    }

    private IssuancePlan ReadIngress(ReadIngressInput read)
    {
        var attempt = Track(ReadIngressActivity.Name);
        if (ReadIngressFailure(attempt) is { } failure)
        {
            throw failure;
        }

        var spec = new IngressCertificateSpec(read.Certificate, ["a.example.test", "b.example.test"], "web-tls", RoutingStrategy.InPlace,
            null, null, null, false, SolverPreset.Plain, "nginx");
        return new IssuancePlan(spec, CertificateKeyType.EcdsaP256, null, null, new Uri("https://ca.example.test/dir"), SelfCheck);
    }

    private CreateOrderOutput CreateOrder(CreateOrderInput input)
    {
        var attempt = Track(CreateOrderActivity.Name);
        if (OrderRateLimit(attempt) is { } limit)
        {
            return new CreateOrderOutput(null, [], limit);
        }

        var challenges = input.Hosts.Select((h, i) => new PendingChallenge(
            h, $"token{i}abcdefghijklmnopqrstuvwxyz", $"token{i}.thumbprint",
            new Uri($"https://ca.example.test/chall/{i}"), new Uri($"https://ca.example.test/authz/{i}"))).ToList();
        return new CreateOrderOutput(new Uri("https://ca.example.test/order/1"), challenges, null);
    }

    private PresentedChallenge Present(PresentChallengesInput input)
    {
        Track(PresentChallengeActivity.Name);
        _presented.Enqueue(input);
        var routing = input.Routing;
        return new PresentedChallenge(routing.Certificate, RoutingStrategy.InPlace,
            [.. routing.Hosts.Select(h => new PresentedPath(h, "/.well-known/acme-challenge/x", "certfunctions-responder", 80))], null, "certfunctions-responder", false);
    }

    private SelfCheckRound CheckOnce(SelfCheckInput input)
    {
        var attempt = Track(SelfCheckActivity.Name);
        var passed = SelfCheckPasses(attempt);
        return new SelfCheckRound(
            passed,
            [.. input.Challenges.Select(_ => passed ? input.ConsecutivePasses : 0)],
            [.. input.Challenges.Select(c => new SelfCheckAttempt(c.Host, passed, passed ? "OK" : "HTTP 404 from the ingress"))]);
    }

    private ValidateOutput Validate(ValidateInput input)
    {
        var attempt = Track(ValidateActivity.Name);
        _validations.Enqueue(input);
        var state = Validation(attempt);
        return state == ValidationState.Invalid
            ? new ValidateOutput(ValidationState.Invalid, "a.example.test: Connection refused (urn:ietf:params:acme:error:connection)", null)
            : new ValidateOutput(state, null, state == ValidationState.Pending ? TimeSpan.FromMilliseconds(200) : null);
    }

    private FinalizeOutput Finalize(FinalizeInput input)
    {
        var attempt = Track(FinalizeAndStoreActivity.Name);
        if (FinalizeFailure(attempt) is { } failure)
        {
            throw failure;
        }

        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var summary = new TlsSecretSummary("demo", input.SecretName, input.Hosts, "0a1b2c", now, now.AddDays(90), "CN=Pebble Intermediate", 2, true, false);
        return new FinalizeOutput(summary, now.AddDays(60), null);
    }

    private bool Cleanup(CleanupInput input)
    {
        Track(CleanupActivity.Name);
        if (CleanupActivityFails)
        {
            throw new InvalidOperationException("Ingress demo/web: admission webhook denied the patch");
        }

        _cleanups.Enqueue(input);
        return true;
    }

    private CertificateState Report(ReportOutcomeInput input)
    {
        Track(ReportOutcomeActivity.Name);
        _events.Enqueue(input.Event);
        _states.Enqueue(input.State);
        return ReportOutcomeActivity.Next(null, input.State);
    }

    private T Dispatch<T>(string name, Func<T> step)
    {
        Dispatched.Enqueue(name);
        return step();
    }

    private int Track(string name)
    {
        Calls.Enqueue(name);
        return Attempts.AddOrUpdate(name, 1, (_, n) => n + 1);
    }
}

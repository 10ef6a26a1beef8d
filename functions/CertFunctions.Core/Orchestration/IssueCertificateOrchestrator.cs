using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.SelfCheck;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Orchestration;

/// <summary>
/// One issuance for one Ingress: read, order, present, self-check, validate, finalize, attach, clean up, report.
/// Deterministic: every I/O is an activity, time is the orchestration's, settings are captured by the first activity.
/// </summary>
public sealed partial class IssueCertificateOrchestrator : TaskOrchestrator<IssueCertificateRequest, IssuanceResult>
{
    /// <summary>The orchestrator name.</summary>
    public const string Name = nameof(IssueCertificateOrchestrator);

    /// <summary>Longest Retry-After we wait for inside one run; beyond it the run fails and the renewal back-off takes over.</summary>
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromHours(25);

    private const int MaxValidationPolls = 60;

    /// <summary>Longest one self-check activity loops before the orchestration takes over with durable timers.</summary>
    private static readonly TimeSpan MaxSelfCheckActivityBudget = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override async Task<IssuanceResult> RunAsync(TaskOrchestrationContext context, IssueCertificateRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<IssueCertificateOrchestrator>();
        var run = new IssuanceRun(context, input);

        try
        {
            run.Result = await IssueAsync(run, logger).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is TaskFailedException or IssuanceFailedException)
        {
            run.Failure = Describe(ex);
        }
        finally
        {
            if (run.NeedsCleanup)
            {
                run.SetStatus(IssuanceStep.CleaningUp);
                try
                {
                    await context.CallActivityAsync<bool>(
                        CleanupActivity.Name,
                        new CleanupInput(input.Certificate, context.InstanceId, run.Presented, run.Tokens),
                        IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
                }
                catch (TaskFailedException ex)
                {
                    // A later run removes leftovers by label; the user still hears about it.
                    LogCleanupFailed(logger, input.Certificate, ex.FailureDetails.ErrorMessage);
                    run.Failure ??= "Cleanup of the challenge routes failed (a later run removes them): " + ex.FailureDetails.ErrorMessage;
                }
            }
        }

        return await ReportAsync(run, logger).ConfigureAwait(true);
    }

    private static async Task<IssuanceResult> IssueAsync(IssuanceRun run, ILogger logger)
    {
        var context = run.Context;
        var certificate = run.Input.Certificate;
        if (run.Input.StartDelay is { } delay && delay > TimeSpan.Zero)
        {
            run.SetStatus(IssuanceStep.Scheduled, detail: $"starting after {delay}");
            await context.CreateTimer(delay, CancellationToken.None).ConfigureAwait(true);
        }

        run.SetStatus(IssuanceStep.ReadingIngress);
        var plan = await context.CallActivityAsync<IssuancePlan>(
            ReadIngressActivity.Name, new ReadIngressInput(certificate, context.InstanceId), IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
        run.Plan = plan;
        var hosts = plan.Spec.Hosts;

        run.SetStatus(IssuanceStep.Ordering);
        var order = await CreateOrderAsync(run, plan).ConfigureAwait(true);
        run.OrderUrl = order.OrderUrl;
        LogOrdered(logger, certificate, order.OrderUrl!, order.Challenges.Count);

        if (order.Challenges.Count > 0)
        {
            await PresentAsync(run, plan, order).ConfigureAwait(true);
            await SelfCheckAsync(run, plan.SelfCheck, order.Challenges).ConfigureAwait(true);
            await ValidateAsync(run, order).ConfigureAwait(true);
        }

        run.SetStatus(IssuanceStep.Finalizing, detail: $"finalize the order, store Secret {plan.Spec.SecretName}, attach it in spec.tls");
        var stored = await FinalizeAsync(run, plan, order.OrderUrl!).ConfigureAwait(true);

        var secret = stored.Secret!;
        return new IssuanceResult(
            certificate, hosts, plan.Spec.SecretName, secret.Serial, secret.NotBefore, secret.NotAfter, secret.Issuer,
            stored.PlannedRenewal ?? secret.NotAfter, order.OrderUrl!, stored.AriCertificateId);
    }

    private static async Task<CreateOrderOutput> CreateOrderAsync(IssuanceRun run, IssuancePlan plan)
    {
        var replaces = run.Input.Replaces;
        while (true)
        {
            var order = await run.Context.CallActivityAsync<CreateOrderOutput>(
                CreateOrderActivity.Name,
                new CreateOrderInput(run.Input.Certificate, plan.Spec.Hosts, plan.Profile, replaces),
                IssuanceRetryPolicies.Acme).ConfigureAwait(true);
            if (order.RateLimit is null)
            {
                return order;
            }

            await WaitForRateLimitAsync(run, order.RateLimit).ConfigureAwait(true);
            run.SetStatus(IssuanceStep.Ordering);
        }
    }

    private static async Task PresentAsync(IssuanceRun run, IssuancePlan plan, CreateOrderOutput order)
    {
        var context = run.Context;
        run.SetStatus(IssuanceStep.PresentingChallenges);
        run.NeedsCleanup = true;
        run.Tokens = [.. order.Challenges.Select(c => c.Token)];
        var pendingHosts = order.Challenges.Select(c => c.Host).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        run.Presented = await context.CallActivityAsync<PresentedChallenge>(
            PresentChallengeActivity.Name,
            new PresentChallengesInput(
                context.InstanceId,
                order.Challenges,
                new ChallengeRoutingRequest(run.Input.Certificate, pendingHosts, run.Tokens, plan.Spec.Routing, plan.Spec.SolverPreset, plan.Spec.IngressClassName)),
            IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
    }

    private static async Task SelfCheckAsync(IssuanceRun run, SelfCheckPlan plan, IReadOnlyList<PendingChallenge> challenges)
    {
        var context = run.Context;
        if (plan.Mode == SelfCheckMode.Wait)
        {
            run.SetStatus(IssuanceStep.SelfChecking, detail: $"waiting {plan.WaitDuration} for the routes to propagate (SelfCheck:Mode=Wait)");
            await context.CreateTimer(plan.WaitDuration, CancellationToken.None).ConfigureAwait(true);
            return;
        }

        var deadline = context.CurrentUtcDateTime + plan.Timeout;
        while (true)
        {
            var remaining = deadline - context.CurrentUtcDateTime;
            var budget = remaining < MaxSelfCheckActivityBudget ? remaining : MaxSelfCheckActivityBudget;
            var round = await context.CallActivityAsync<SelfCheckRound>(
                SelfCheckActivity.Name,
                new SelfCheckInput(challenges, plan.ConsecutivePasses, plan.Interval, budget > plan.Interval ? budget : plan.Interval),
                IssuanceRetryPolicies.Bookkeeping).ConfigureAwait(true);
            var progress = string.Join("; ", challenges.Select((c, i) =>
                $"{c.Host}: {round.Passes[i]}/{plan.ConsecutivePasses}{(round.LastAttempts[i].Passed ? string.Empty : " (" + round.LastAttempts[i].Detail + ")")}"));
            run.SetStatus(IssuanceStep.SelfChecking, detail: progress);
            if (round.Passed)
            {
                return;
            }

            if (context.CurrentUtcDateTime >= deadline)
            {
                throw new IssuanceFailedException(
                    $"The challenge was not reachable within {plan.Timeout}: {progress}. The CA was not asked to validate, " +
                    "so no failed authorization counts against its limits. Check that the Ingress controller serves these hosts on port 80.");
            }

            await context.CreateTimer(plan.Interval, CancellationToken.None).ConfigureAwait(true);
        }
    }

    private static async Task ValidateAsync(IssuanceRun run, CreateOrderOutput order)
    {
        var context = run.Context;
        run.SetStatus(IssuanceStep.Validating);
        var validation = await context.CallActivityAsync<ValidateOutput>(
            ValidateActivity.Name, new ValidateInput(order.OrderUrl!, order.Challenges, Answer: true), IssuanceRetryPolicies.Acme).ConfigureAwait(true);
        for (var poll = 0; validation.State == ValidationState.Pending; poll++)
        {
            if (poll >= MaxValidationPolls)
            {
                throw new IssuanceFailedException($"The CA did not finish validating {order.OrderUrl} after {MaxValidationPolls} checks.");
            }

            await context.CreateTimer(validation.RetryAfter ?? TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(true);
            validation = await context.CallActivityAsync<ValidateOutput>(
                ValidateActivity.Name, new ValidateInput(order.OrderUrl!, order.Challenges, Answer: false), IssuanceRetryPolicies.Acme).ConfigureAwait(true);
        }

        if (validation.State == ValidationState.Invalid)
        {
            throw new IssuanceFailedException("The CA could not validate the challenge: " + validation.Failure);
        }
    }

    private static async Task<FinalizeOutput> FinalizeAsync(IssuanceRun run, IssuancePlan plan, Uri orderUrl)
    {
        while (true)
        {
            var output = await run.Context.CallActivityAsync<FinalizeOutput>(
                FinalizeAndStoreActivity.Name,
                new FinalizeInput(run.Input.Certificate, orderUrl, plan.Spec.Hosts, plan.Spec.SecretName, plan.KeyType, plan.PreferredChain, plan.Spec.AdoptSecret),
                IssuanceRetryPolicies.Acme).ConfigureAwait(true);
            if (output.RateLimit is null)
            {
                return output;
            }

            await WaitForRateLimitAsync(run, output.RateLimit).ConfigureAwait(true);
            run.SetStatus(IssuanceStep.Finalizing);
        }
    }

    private static async Task WaitForRateLimitAsync(IssuanceRun run, RateLimitNotice notice)
    {
        if (notice.RetryAfter > MaxRateLimitWait)
        {
            throw new IssuanceFailedException($"The CA rate-limited this request for {notice.RetryAfter}: {notice.Detail}");
        }

        var until = run.Context.CurrentUtcDateTime + notice.RetryAfter;
        run.SetStatus(IssuanceStep.RateLimited, lastError: notice.Detail, detail: $"waiting until {until:O} (Retry-After)");
        await run.Context.CreateTimer(until, CancellationToken.None).ConfigureAwait(true);
    }

    private static async Task<IssuanceResult> ReportAsync(IssuanceRun run, ILogger logger)
    {
        var certificate = run.Input.Certificate;
        var hosts = run.Plan?.Spec.Hosts ?? [];
        if (run.Result is { } result && run.Failure is null)
        {
            var renewal = run.Input.Reason is IssuanceReason.Renewal or IssuanceReason.Forced;
            await ReportOutcomeAsync(
                run,
                new RecordEventInput(
                    certificate,
                    renewal ? IngressEventReasons.CertificateRenewed : IngressEventReasons.CertificateIssued,
                    $"Certificate for {string.Join(", ", result.Hosts)} stored in Secret {result.SecretName} (serial {result.Serial}, " +
                    $"valid until {result.NotAfter:u}, renewal planned {result.PlannedRenewal:u}).",
                    IngressEventType.Normal),
                hosts,
                result,
                null).ConfigureAwait(true);
            run.SetStatus(IssuanceStep.Completed);
            LogIssued(logger, certificate, result.Serial);
            return result;
        }

        var failure = run.Failure ?? "The issuance failed for an unknown reason.";
        await ReportOutcomeAsync(
            run,
            new RecordEventInput(certificate, IngressEventReasons.IssuanceFailed, Truncate(failure, 900), IngressEventType.Warning),
            hosts,
            null,
            failure).ConfigureAwait(true);
        run.SetStatus(IssuanceStep.Failed, lastError: failure);
        LogFailed(logger, certificate, failure);
        throw new IssuanceFailedException(failure);
    }

    private static async Task ReportOutcomeAsync(IssuanceRun run, RecordEventInput recorded, IReadOnlyList<string> hosts, IssuanceResult? result, string? error)
    {
        var context = run.Context;
        try
        {
            await context.CallActivityAsync<Renewal.CertificateState>(
                ReportOutcomeActivity.Name,
                new ReportOutcomeInput(
                    recorded,
                    new SaveStateInput(run.Input.Certificate, context.InstanceId, context.CurrentUtcDateTime, hosts, run.Plan?.Spec.SecretName, result, error)),
                IssuanceRetryPolicies.Bookkeeping).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // Bookkeeping must not turn a working issuance into a failure: the Secret and its annotations carry the outcome too.
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        TaskFailedException failed => failed.FailureDetails.ErrorMessage,
        _ => exception.Message,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderUrl} for {Certificate} has {Pending} challenges to solve")]
    private static partial void LogOrdered(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, Uri orderUrl, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued certificate {Serial} for {Certificate}")]
    private static partial void LogIssued(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string serial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuance for {Certificate} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup for {Certificate} failed: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);
}

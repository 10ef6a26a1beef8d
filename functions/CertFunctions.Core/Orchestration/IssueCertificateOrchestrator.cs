using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.SelfCheck;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Orchestration;

/// <summary>
/// One issuance for one Ingress: read, order, present, self-check, validate, finalize, attach, clean up, report.
/// Steps that always follow each other share an activity on the common path; see docs/architecture.md.
/// Deterministic: every I/O is an activity, time is the orchestration's, settings are captured by the first activity.
/// </summary>
public sealed partial class IssueCertificateOrchestrator : TaskOrchestrator<IssueCertificateRequest, IssuanceResult>
{
    /// <summary>The orchestrator name.</summary>
    public const string Name = nameof(IssueCertificateOrchestrator);

    /// <summary>Longest Retry-After we wait for inside one run; beyond it the run fails and the renewal back-off takes over.</summary>
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromHours(25);

    private const int MaxValidationPolls = 60;

    /// <summary>
    /// First durable wait for an admitted object the activity did not see stored within its own short poll
    /// (<see cref="AwaitAdmittedObjectActivity.InProcessWait"/>): by then it is most likely a write refused after us.
    /// </summary>
    private static readonly TimeSpan AdmittedFirstPoll = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two reads of an admitted object.</summary>
    private static readonly TimeSpan AdmittedMaxPoll = TimeSpan.FromSeconds(8);

    /// <summary>Longest one self-check activity loops before the orchestration takes over with durable timers.</summary>
    private static readonly TimeSpan MaxSelfCheckActivityBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The event the webhook raises on a run already going for the object it saw a write of (an <see cref="Admission.AdmittedObject"/>):
    /// the run, when it ends, starts one follow-up in the same instance instead of the write waiting for a scan.
    /// </summary>
    public const string AdmittedWriteEvent = "AdmittedWrite";

    /// <inheritdoc />
    public override async Task<IssuanceResult> RunAsync(TaskOrchestrationContext context, IssueCertificateRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<IssueCertificateOrchestrator>();
        var result = await RunOnceAsync(context, input, logger).ConfigureAwait(true);

        // Writes admitted while this run went on (a Gateway's per-Secret children never get any), our own spec.tls write
        // among them: the newest is checked here, and only one that still needs an issuance (another issuer, new names)
        // continues this instance as a follow-up. Checked first so a run whose write needs nothing keeps its result and
        // status for whoever polls the operation, instead of ending as a follow-up with nothing to report.
        if (input.Certificate.Secret is null && await LatestAdmittedWriteAsync(context).ConfigureAwait(true) is { } write)
        {
            var need = await context.CallActivityAsync<Discovery.IssuanceNeedResult>(
                AwaitAdmittedObjectActivity.Name, new AwaitAdmittedObjectInput(input.Certificate, write), IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
            if (need.Need != Discovery.IssuanceNeed.Nothing)
            {
                LogFollowUp(logger, input.Certificate, write.Generation);
                context.ContinueAsNew(new IssueCertificateRequest(input.Certificate, IssuanceReason.Discovered, null, null, write), preserveUnprocessedEvents: false);
            }
        }

        return result;
    }

    /// <summary>The newest write the webhook reported while the run went on, or null; never waits (the events are already buffered or not there).</summary>
    private static async Task<Admission.AdmittedObject?> LatestAdmittedWriteAsync(TaskOrchestrationContext context)
    {
        Admission.AdmittedObject? latest = null;
        using var now = new CancellationTokenSource();
        await now.CancelAsync().ConfigureAwait(true);
        while (true)
        {
            try
            {
                var write = await context.WaitForExternalEvent<Admission.AdmittedObject>(AdmittedWriteEvent, now.Token).ConfigureAwait(true);
                latest = latest is null || write.Generation >= latest.Generation || write.Uid != latest.Uid ? write : latest;
            }
            catch (OperationCanceledException)
            {
                return latest;
            }
        }
    }

    private static async Task<IssuanceResult> RunOnceAsync(TaskOrchestrationContext context, IssueCertificateRequest input, ILogger logger)
    {
        var run = new IssuanceRun(context, input);
        if (input.Certificate.IsGateway && input.Certificate.Secret is null)
        {
            // A Gateway as a whole: one sub-orchestration (this orchestrator again) per Secret its listeners name; a write
            // the webhook saw first waits for the Gateway to be stored, as an Ingress's does.
            if (input.Admitted is { } admittedGateway)
            {
                if (await AwaitAdmittedAsync(run, admittedGateway, logger).ConfigureAwait(true) is not { } need)
                {
                    return null!;
                }

                // Only the Secrets the stored Gateway needs: a listener added does not renew the others.
                input = input with { Due = need.Due };
            }

            return await GatewayIssuance.RunAsync(context, input).ConfigureAwait(true);
        }

        if (input.Admitted is { } admitted && await AwaitAdmittedAsync(run, admitted, logger).ConfigureAwait(true) is null)
        {
            // Nothing to issue: the output is null, and nothing is reported (no Event, no state), by design.
            return null!;
        }

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
                    // A later run removes leftovers by label; the user still hears about it. A stored certificate
                    // stays a success (TLS works): the leftover route is a warning, not a failed issuance.
                    LogCleanupFailed(logger, input.Certificate, ex.FailureDetails.ErrorMessage);
                    var leftover = "The challenge routes could not be removed (the next renewal scan removes them): " + ex.FailureDetails.ErrorMessage;
                    run.CleanupFailure = leftover;
                    if (run.Result is null)
                    {
                        run.Failure ??= leftover;
                    }
                    else
                    {
                        run.CleanupWarning = leftover;
                    }
                }
            }
        }

        return await ReportAsync(run, logger).ConfigureAwait(true);
    }

    /// <summary>
    /// For a write the admission webhook saw: waits (durable timers, bounded) until the object is stored at the admitted
    /// uid and generation, then asks whether it needs an issuance: what it needs, or null to end the run quietly (the write
    /// was refused after the webhook and never stored, or the object needs nothing).
    /// </summary>
    private static async Task<Discovery.IssuanceNeedResult?> AwaitAdmittedAsync(IssuanceRun run, Admission.AdmittedObject admitted, ILogger logger)
    {
        var context = run.Context;
        var deadline = context.CurrentUtcDateTime + admitted.WaitTimeout;
        var delay = AdmittedFirstPoll;
        while (true)
        {
            run.SetStatus(IssuanceStep.AwaitingObject, detail: $"waiting for generation {admitted.Generation} of the {(run.Input.Certificate.IsGateway ? "Gateway" : "Ingress")} to be stored");
            var need = await context.CallActivityAsync<Discovery.IssuanceNeedResult>(
                AwaitAdmittedObjectActivity.Name,
                new AwaitAdmittedObjectInput(run.Input.Certificate, admitted),
                IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
            if (need.Need == Discovery.IssuanceNeed.Issue)
            {
                return need;
            }

            if (need.Need == Discovery.IssuanceNeed.Nothing || context.CurrentUtcDateTime + delay > deadline)
            {
                run.SetStatus(IssuanceStep.NotNeeded, detail: need.Detail);
                LogNotNeeded(logger, run.Input.Certificate, need.Detail);
                return null;
            }

            await context.CreateTimer(delay, CancellationToken.None).ConfigureAwait(true);
            delay = delay * 2 > AdmittedMaxPoll ? AdmittedMaxPoll : delay * 2;
        }
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

        // The common path is three activities (prepare, solve, complete): each is a round trip through the task
        // hub, so steps that always follow each other share one. Slow paths (a route still propagating,
        // a CA still validating, a rate limit) fall back to the single-step activities with durable timers between.
        run.SetStatus(IssuanceStep.ReadingIngress, detail: "read the Ingress, then create the ACME order");
        var prepared = await context.CallActivityAsync<PreparedIssuance>(
            PrepareIssuanceActivity.Name,
            new PrepareIssuanceInput(certificate, context.InstanceId, run.Input.Replaces),
            IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
        var plan = prepared.Plan;
        run.Plan = plan;
        var order = await OrderAfterRateLimitsAsync(run, plan, prepared.Order).ConfigureAwait(true);
        run.OrderUrl = order.OrderUrl;
        LogOrdered(logger, certificate, order.OrderUrl!, order.Challenges.Count);

        if (order.Challenges.Count > 0)
        {
            await SolveAsync(run, plan, order).ConfigureAwait(true);
        }

        var report = new SuccessReport(
            certificate, run.Input.Reason, context.InstanceId, context.CurrentUtcDateTime, plan.Spec.Hosts, plan.Spec.SecretName, order.OrderUrl!, plan.Issuer, run.StartedAt);
        var stored = await CompleteAsync(run, plan, report, logger).ConfigureAwait(true);
        return IssuanceOutcome.Result(report, stored);
    }

    private static async Task<CreateOrderOutput> OrderAfterRateLimitsAsync(IssuanceRun run, IssuancePlan plan, CreateOrderOutput order)
    {
        while (order.RateLimit is { } limit)
        {
            await WaitForRateLimitAsync(run, limit).ConfigureAwait(true);
            run.SetStatus(IssuanceStep.Ordering);
            order = await run.Context.CallActivityAsync<CreateOrderOutput>(
                CreateOrderActivity.Name,
                new CreateOrderInput(run.Input.Certificate, plan.Spec.Hosts, plan.Profile, run.Input.Replaces, plan.Issuer),
                IssuanceRetryPolicies.Acme).ConfigureAwait(true);
        }

        return order;
    }

    private static async Task SolveAsync(IssuanceRun run, IssuancePlan plan, CreateOrderOutput order)
    {
        var context = run.Context;
        var check = plan.SelfCheck;
        var challenges = order.Challenges;
        run.SetStatus(IssuanceStep.PresentingChallenges, detail: check.Mode == SelfCheckMode.Wait
            ? "publish the tokens and route the challenge paths to the responder"
            : "publish the tokens, route the challenge paths to the responder, check them, then ask the CA to validate");
        run.NeedsCleanup = true;
        run.Tokens = [.. challenges.Select(c => c.Token)];
        var pendingHosts = challenges.Select(c => c.Host).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var present = new PresentChallengesInput(
            context.InstanceId,
            challenges,
            new ChallengeRoutingRequest(run.Input.Certificate, pendingHosts, run.Tokens, plan.Spec.Routing, plan.Spec.SolverPreset, plan.Spec.IngressClassName));
        var deadline = context.CurrentUtcDateTime + check.Timeout;
        var firstAnswer = new ValidateInput(order.OrderUrl!, challenges, Answer: true, run.Input.Certificate, plan.Issuer);
        var solved = await context.CallActivityAsync<SolvedChallenges>(
            SolveChallengesActivity.Name,
            check.Mode == SelfCheckMode.Wait
                ? new SolveChallengesInput(present, null, null)
                : new SolveChallengesInput(present, SelfCheckRoundInput(check, challenges, check.Timeout), firstAnswer),
            IssuanceRetryPolicies.Kubernetes).ConfigureAwait(true);
        run.Presented = solved.Presented;

        var validation = solved.Validation;
        if (validation is null)
        {
            await SelfCheckAsync(run, check, challenges, solved.SelfCheck, deadline).ConfigureAwait(true);
            run.SetStatus(IssuanceStep.Validating);
            validation = await context.CallActivityAsync<ValidateOutput>(
                ValidateActivity.Name, firstAnswer, IssuanceRetryPolicies.Acme).ConfigureAwait(true);
        }

        await WaitForValidationAsync(run, order, validation).ConfigureAwait(true);
    }

    private static SelfCheckInput SelfCheckRoundInput(SelfCheckPlan plan, IReadOnlyList<PendingChallenge> challenges, TimeSpan remaining)
    {
        var budget = remaining < MaxSelfCheckActivityBudget ? remaining : MaxSelfCheckActivityBudget;
        return new SelfCheckInput(challenges, plan.ConsecutivePasses, plan.Interval, budget > plan.Interval ? budget : plan.Interval);
    }

    /// <summary>Finishes the self-check the solve activity started (or, in Wait mode, waits): durable timers between rounds.</summary>
    private static async Task SelfCheckAsync(IssuanceRun run, SelfCheckPlan plan, IReadOnlyList<PendingChallenge> challenges, SelfCheckRound? round, DateTime deadline)
    {
        var context = run.Context;
        if (plan.Mode == SelfCheckMode.Wait)
        {
            run.SetStatus(IssuanceStep.SelfChecking, detail: $"waiting {plan.WaitDuration} for the routes to propagate (SelfCheck:Mode=Wait)");
            await context.CreateTimer(plan.WaitDuration, CancellationToken.None).ConfigureAwait(true);
            return;
        }

        while (true)
        {
            if (round is not null)
            {
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

            round = await context.CallActivityAsync<SelfCheckRound>(
                SelfCheckActivity.Name,
                SelfCheckRoundInput(plan, challenges, deadline - context.CurrentUtcDateTime),
                IssuanceRetryPolicies.Bookkeeping).ConfigureAwait(true);
        }
    }

    private static async Task WaitForValidationAsync(IssuanceRun run, CreateOrderOutput order, ValidateOutput validation)
    {
        var context = run.Context;
        for (var poll = 0; validation.State == ValidationState.Pending; poll++)
        {
            if (poll >= MaxValidationPolls)
            {
                throw new IssuanceFailedException($"The CA did not finish validating {order.OrderUrl} after {MaxValidationPolls} checks.");
            }

            run.SetStatus(IssuanceStep.Validating, detail: "the CA is still validating");
            await context.CreateTimer(validation.RetryAfter ?? TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(true);
            validation = await context.CallActivityAsync<ValidateOutput>(
                ValidateActivity.Name,
                new ValidateInput(order.OrderUrl!, order.Challenges, Answer: false, run.Input.Certificate, run.Plan?.Issuer),
                IssuanceRetryPolicies.Acme).ConfigureAwait(true);
        }

        if (validation.State == ValidationState.Invalid)
        {
            throw new IssuanceFailedException("The CA could not validate the challenge: " + validation.Failure);
        }
    }

    private static async Task<FinalizeOutput> CompleteAsync(IssuanceRun run, IssuancePlan plan, SuccessReport report, ILogger logger)
    {
        var context = run.Context;
        var finalize = FinalizeInput.For(run.Input.Certificate, report.OrderUrl, plan);
        var cleanup = run.NeedsCleanup ? new CleanupInput(run.Input.Certificate, context.InstanceId, run.Presented, run.Tokens) : null;
        run.SetStatus(IssuanceStep.Finalizing, detail: cleanup is null
            ? $"finalize the order, store Secret {plan.Spec.SecretName}, attach it in spec.tls"
            : $"finalize the order, store Secret {plan.Spec.SecretName}, attach it in spec.tls, remove the challenge routes");
        var completed = await context.CallActivityAsync<CompletedIssuance>(
            CompleteIssuanceActivity.Name, new CompleteIssuanceInput(finalize, cleanup, report), IssuanceRetryPolicies.Acme).ConfigureAwait(true);
        run.Reported = completed.Reported;
        if (completed.CleanedUp)
        {
            run.NeedsCleanup = false;
        }
        else if (completed.CleanupError is { } error)
        {
            // The certificate is stored; the finally block retries the cleanup as its own activity.
            LogCleanupFailed(logger, run.Input.Certificate, error);
        }

        return completed.Stored.RateLimit is null ? completed.Stored : await FinalizeAsync(run, finalize, completed.Stored.RateLimit).ConfigureAwait(true);
    }

    private static async Task<FinalizeOutput> FinalizeAsync(IssuanceRun run, FinalizeInput input, RateLimitNotice limit)
    {
        while (true)
        {
            await WaitForRateLimitAsync(run, limit).ConfigureAwait(true);
            run.SetStatus(IssuanceStep.Finalizing);
            var output = await run.Context.CallActivityAsync<FinalizeOutput>(
                FinalizeAndStoreActivity.Name, input, IssuanceRetryPolicies.Acme).ConfigureAwait(true);
            if (output.RateLimit is null)
            {
                return output;
            }

            limit = output.RateLimit;
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
        var context = run.Context;
        var certificate = run.Input.Certificate;
        var hosts = run.Plan?.Spec.Hosts ?? [];
        if (run.Result is { } result && run.Failure is null)
        {
            var report = new SuccessReport(
                certificate, run.Input.Reason, context.InstanceId, context.CurrentUtcDateTime, result.Hosts, result.SecretName, result.OrderUrl, run.Plan?.Issuer, run.StartedAt);
            if (!run.Reported)
            {
                await ReportOutcomeAsync(run, IssuanceOutcome.Succeeded(report, result)).ConfigureAwait(true);
            }

            if (run.CleanupWarning is { } warning)
            {
                await ReportOutcomeAsync(run, IssuanceOutcome.SucceededWithLeftovers(report, result, warning)).ConfigureAwait(true);
            }

            run.SetStatus(IssuanceStep.Completed);
            LogIssued(logger, certificate, result.Serial);
            await NotifyAsync(run, Notifications.NotificationEvents.Succeeded(result, run.Input.Reason, context.InstanceId, context.CurrentUtcDateTime)).ConfigureAwait(true);
            return result;
        }

        var failure = run.Failure ?? "The issuance failed for an unknown reason.";
        // One instant for the state and the notification: its next attempt is the back-off counted from it.
        var failedAt = context.CurrentUtcDateTime;
        var state = await ReportOutcomeAsync(
            run,
            IssuanceOutcome.Failed(
                new SaveStateInput(
                    certificate, context.InstanceId, failedAt, hosts, run.Plan?.Spec.SecretName, null, failure, run.Plan?.Issuer, run.StartedAt, (run.FailedStep ?? run.Step).ToString()),
                failure)).ConfigureAwait(true);
        run.SetStatus(IssuanceStep.Failed, lastError: failure);
        LogFailed(logger, certificate, failure);
        await NotifyAsync(
            run,
            Notifications.NotificationEvents.Failed(
                certificate, context.InstanceId, failedAt, hosts, run.Plan?.Spec.SecretName, failure, state?.NextAttemptAfter, run.Plan?.Issuer)).ConfigureAwait(true);
        throw new IssuanceFailedException(failure);
    }

    private static async Task<Renewal.CertificateState?> ReportOutcomeAsync(IssuanceRun run, ReportOutcomeInput outcome)
    {
        try
        {
            return await run.Context.CallActivityAsync<Renewal.CertificateState>(
                ReportOutcomeActivity.Name, outcome, IssuanceRetryPolicies.Bookkeeping).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            // Bookkeeping must not turn a working issuance into a failure: the Secret and its annotations carry the outcome too.
            return null;
        }
    }

    /// <summary>
    /// Queues the outcome's notifications (plus a cleanup failure, if any) after the outcome is decided and reported. Only
    /// the queueing is awaited: delivery runs as its own orchestration, and nothing here can change the result.
    /// </summary>
    private static async Task NotifyAsync(IssuanceRun run, Notifications.NotificationEvent outcome)
    {
        if (run.Plan is { Notify: false })
        {
            // No webhook configured: an activity that would queue nothing still costs a task-hub round trip before the
            // operation reads Completed.
            return;
        }

        var context = run.Context;
        var events = new List<Notifications.NotificationEvent> { outcome };
        if (run.CleanupFailure is { } leftover)
        {
            events.Add(Notifications.NotificationEvents.CleanupFailed(
                run.Input.Certificate, context.InstanceId, context.CurrentUtcDateTime, run.Plan?.Spec.Hosts ?? [], run.Plan?.Spec.SecretName, leftover, run.Plan?.Issuer));
        }

        try
        {
            await context.CallActivityAsync<int>(
                QueueNotificationsActivity.Name, new QueueNotificationsInput(events), IssuanceRetryPolicies.Bookkeeping).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            LogNotifyFailed(context.CreateReplaySafeLogger<IssueCertificateOrchestrator>(), run.Input.Certificate, ex.FailureDetails.ErrorMessage);
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        TaskFailedException failed => failed.FailureDetails.ErrorMessage,
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderUrl} for {Certificate} has {Pending} challenges to solve")]
    private static partial void LogOrdered(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, Uri orderUrl, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "A write of {Certificate} (generation {Generation}) was admitted during the run; one follow-up run starts")]
    private static partial void LogFollowUp(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "No issuance for the admitted write of {Certificate}: {Detail}")]
    private static partial void LogNotNeeded(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued certificate {Serial} for {Certificate}")]
    private static partial void LogIssued(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string serial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuance for {Certificate} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications for {Certificate} could not be queued: {Reason}")]
    private static partial void LogNotifyFailed(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup for {Certificate} failed: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);
}

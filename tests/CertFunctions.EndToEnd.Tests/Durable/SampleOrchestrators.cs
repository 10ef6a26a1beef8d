using Microsoft.DurableTask;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Quotes then confirms an order: two activities with record inputs and outputs.</summary>
public sealed class TwoStepOrchestrator : TaskOrchestrator<OrderRequest, OrderConfirmation>
{
    public const string Name = "TwoStep";

    public override async Task<OrderConfirmation> RunAsync(TaskOrchestrationContext context, OrderRequest input)
    {
        var logger = context.CreateReplaySafeLogger<TwoStepOrchestrator>();
        SampleLog.Quoting(logger, input.Customer);
        context.SetCustomStatus(new SampleStatus("quoting", 1));
        var quote = await context.CallActivityAsync<Quote>(QuoteActivity.Name, input);
        context.SetCustomStatus(new SampleStatus("confirming", 2));
        return await context.CallActivityAsync<OrderConfirmation>(ConfirmActivity.Name, quote);
    }
}

/// <summary>Reports that it waits, then waits for the approval event.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<string, Approval>
{
    public const string Name = "AwaitApproval";
    public const string EventName = "Approval";

    public override async Task<Approval> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new SampleStatus("waiting for approval of " + input, 1));
        var approval = await context.WaitForExternalEvent<Approval>(EventName);
        context.SetCustomStatus(new SampleStatus("approved", 2));
        return approval;
    }
}

/// <summary>Calls an activity that always fails and does not catch the failure.</summary>
public sealed class FailingOrchestrator : TaskOrchestrator<string, string>
{
    public const string Name = "Failing";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        => await context.CallActivityAsync<string>(FailingActivity.Name, input);
}

/// <summary>Calls the flaky activity under a retry policy.</summary>
public sealed class RetryOrchestrator : TaskOrchestrator<RetryRequest, int>
{
    public const string Name = "Retrying";
    private readonly RetrySettings _settings;

    public RetryOrchestrator(RetrySettings settings) => _settings = settings;

    public override async Task<int> RunAsync(TaskOrchestrationContext context, RetryRequest input)
    {
        // Like Core's policies: only transient failures are retried (HandleFailure needs DTFx failure details).
        var policy = new RetryPolicy(input.MaxAttempts, _settings.FirstRetryInterval, backoffCoefficient: 1.0)
        {
            HandleFailure = failure => failure.IsCausedBy<TimeoutException>(),
        };
        return await context.CallActivityAsync<int>(FlakyActivity.Name, input, TaskOptions.FromRetryPolicy(policy));
    }
}

/// <summary>Waits on a durable timer, then stamps; reports "timer" while the timer runs.</summary>
public sealed class TimerOrchestrator : TaskOrchestrator<TimerRequest, TimerResult>
{
    public const string Name = "Timer";

    public override async Task<TimerResult> RunAsync(TaskOrchestrationContext context, TimerRequest input)
    {
        var logger = context.CreateReplaySafeLogger<TimerOrchestrator>();
        var scheduledAt = context.CurrentUtcDateTime;
        var fireAt = scheduledAt.AddSeconds(input.DelaySeconds);
        context.SetCustomStatus(new SampleStatus("timer", 1));
        SampleLog.TimerScheduled(logger, input.Label, fireAt);
        await context.CreateTimer(fireAt, CancellationToken.None);
        var firedAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(new SampleStatus("stamping", 2));
        var stamp = await context.CallActivityAsync<string>(StampActivity.Name, input.Label);
        return new TimerResult(input.Label, scheduledAt, firedAt, stamp);
    }
}

/// <summary>Calls the scoped activity twice.</summary>
public sealed class ScopedPairOrchestrator : TaskOrchestrator<string, Guid[]>
{
    public const string Name = "ScopedPair";

    public override async Task<Guid[]> RunAsync(TaskOrchestrationContext context, string input)
    {
        var first = await context.CallActivityAsync<Guid>(ScopedActivity.Name, input);
        var second = await context.CallActivityAsync<Guid>(ScopedActivity.Name, input);
        return [first, second];
    }
}

/// <summary>Fails in its own code, after a timer so that it has replayed once.</summary>
public sealed class ThrowingOrchestrator : TaskOrchestrator<string, string>
{
    public const string Name = "Throwing";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        throw new ArgumentException("bad input: " + input);
    }
}

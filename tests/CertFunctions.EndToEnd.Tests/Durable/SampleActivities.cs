using Microsoft.DurableTask;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Prices an order.</summary>
public sealed class QuoteActivity : TaskActivity<OrderRequest, Quote>
{
    public const string Name = "Quote";

    public override Task<Quote> RunAsync(TaskActivityContext context, OrderRequest input)
        => Task.FromResult(new Quote(input.Customer, input.Quantity, UnitPrice: 2.5m));
}

/// <summary>Confirms a quote with a reference taken from the orchestration id.</summary>
public sealed class ConfirmActivity : TaskActivity<Quote, OrderConfirmation>
{
    public const string Name = "Confirm";

    public override Task<OrderConfirmation> RunAsync(TaskActivityContext context, Quote input)
        => Task.FromResult(new OrderConfirmation(input.Customer, input.UnitPrice * input.Quantity, "ref-" + context.InstanceId));
}

/// <summary>Always fails with a recognisable exception.</summary>
public sealed class FailingActivity : TaskActivity<string, string>
{
    public const string Name = "AlwaysFails";

    public override Task<string> RunAsync(TaskActivityContext context, string input)
        => throw new InvalidOperationException("boom: " + input);
}

/// <summary>Fails a configured number of times per key, then succeeds; counts every attempt.</summary>
public sealed class FlakyActivity : TaskActivity<RetryRequest, int>
{
    public const string Name = "Flaky";
    private readonly AttemptCounter _counter;

    public FlakyActivity(AttemptCounter counter) => _counter = counter;

    public override Task<int> RunAsync(TaskActivityContext context, RetryRequest input)
    {
        var attempt = _counter.Increment(input.Key);
        if (attempt <= input.FailuresBeforeSuccess && input.Permanent)
        {
            throw new InvalidOperationException($"attempt {attempt} of {input.Key} failed for good");
        }

        if (attempt <= input.FailuresBeforeSuccess)
        {
            throw new TimeoutException($"attempt {attempt} of {input.Key} failed");
        }

        return Task.FromResult(attempt);
    }
}

/// <summary>Returns a stamp naming the instance.</summary>
public sealed class StampActivity : TaskActivity<string, string>
{
    public const string Name = "Stamp";

    public override Task<string> RunAsync(TaskActivityContext context, string input)
        => Task.FromResult($"stamped {input} for {context.InstanceId}");
}

/// <summary>Answers with the id of the scoped dependency it was given.</summary>
public sealed class ScopedActivity : TaskActivity<string, Guid>
{
    public const string Name = "Scoped";
    private readonly ScopedDependency _dependency;

    public ScopedActivity(ScopedDependency dependency) => _dependency = dependency;

    public override Task<Guid> RunAsync(TaskActivityContext context, string input) => Task.FromResult(_dependency.Id);
}

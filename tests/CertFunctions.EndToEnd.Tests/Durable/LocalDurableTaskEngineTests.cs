using System.Text.Json;
using CertFunctions.Core.Hosting;
using CertFunctions.Local.Durable;
using CertFunctions.Testing.Storage;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Core-style orchestrations on DTFx and Azurite through the local engine and its gateway.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalDurableTaskEngineTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public LocalDurableTaskEngineTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task Two_activity_orchestration_completes_with_typed_output()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;

        var start = await gateway.StartIfNotRunningAsync(TwoStepOrchestrator.Name, "order-1", new OrderRequest("ada", 4), CancellationToken.None);
        Assert.True(start.Started);
        Assert.Equal("order-1", start.InstanceId);

        var done = await gateway.WaitForCompletionAsync("order-1", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Completed, done.State);
        Assert.Equal(TwoStepOrchestrator.Name, done.Name);
        Assert.Null(done.Failure);
        Assert.Equal(new OrderConfirmation("ada", 10.0m, "ref-order-1"), JsonSerializer.Deserialize<OrderConfirmation>(done.SerializedOutput!));
        Assert.Equal(new OrderRequest("ada", 4), JsonSerializer.Deserialize<OrderRequest>(done.SerializedInput!));
        Assert.Equal(new SampleStatus("confirming", 2), JsonSerializer.Deserialize<SampleStatus>(done.SerializedCustomStatus!));
        Assert.DoesNotContain("$type", done.SerializedInput, StringComparison.Ordinal);
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);
    }

    [Fact]
    public async Task Custom_status_is_visible_while_running_and_external_event_completes_it()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;
        await gateway.StartIfNotRunningAsync(ApprovalOrchestrator.Name, "approval-1", "cert-a", CancellationToken.None);

        var waiting = await gateway.WaitUntilAsync("approval-1", s => s.SerializedCustomStatus is not null, Generous, CancellationToken.None);
        Assert.Equal(OrchestrationState.Running, waiting.State);
        Assert.Equal(new SampleStatus("waiting for approval of cert-a", 1), JsonSerializer.Deserialize<SampleStatus>(waiting.SerializedCustomStatus!));
        Assert.Null(waiting.SerializedOutput);

        await gateway.RaiseEventAsync("approval-1", ApprovalOrchestrator.EventName, new Approval("grace", true), CancellationToken.None);
        var done = await gateway.WaitForCompletionAsync("approval-1", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Completed, done.State);
        Assert.Equal(new Approval("grace", true), JsonSerializer.Deserialize<Approval>(done.SerializedOutput!));
        Assert.Equal(new SampleStatus("approved", 2), JsonSerializer.Deserialize<SampleStatus>(done.SerializedCustomStatus!));
    }

    [Fact]
    public async Task Start_if_not_running_reports_the_running_instance_and_starts_again_after_completion()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;

        var first = await gateway.StartIfNotRunningAsync(ApprovalOrchestrator.Name, "single", "one", CancellationToken.None);
        var second = await gateway.StartIfNotRunningAsync(ApprovalOrchestrator.Name, "single", "two", CancellationToken.None);

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal("single", second.InstanceId);
        Assert.NotNull(second.Existing);
        Assert.True(second.Existing!.IsActive);
        Assert.Equal("\"one\"", second.Existing.SerializedInput);

        await gateway.RaiseEventAsync("single", ApprovalOrchestrator.EventName, new Approval("x", true), CancellationToken.None);
        await gateway.WaitForCompletionAsync("single", Generous, CancellationToken.None);

        var third = await gateway.StartIfNotRunningAsync(ApprovalOrchestrator.Name, "single", "three", CancellationToken.None);
        Assert.True(third.Started);
        var running = await gateway.WaitUntilAsync("single", s => s.SerializedCustomStatus is not null, Generous, CancellationToken.None);
        Assert.Equal("\"three\"", running.SerializedInput);

        await gateway.TerminateAsync("single", "test over", CancellationToken.None);
        var terminated = await gateway.WaitForCompletionAsync("single", Generous, CancellationToken.None);
        Assert.Equal(OrchestrationState.Terminated, terminated.State);
    }

    [Fact]
    public async Task Concurrent_starts_for_one_id_start_exactly_one_instance()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            gateway.StartIfNotRunningAsync(ApprovalOrchestrator.Name, "raced", "caller-" + i, CancellationToken.None)));

        Assert.Single(results, r => r.Started);
        await gateway.TerminateAsync("raced", "test over", CancellationToken.None);
        await gateway.WaitForCompletionAsync("raced", Generous, CancellationToken.None);
    }

    [Fact]
    public async Task Failing_activity_fails_the_orchestration_with_its_exception_type_and_message()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;
        await gateway.StartIfNotRunningAsync(FailingOrchestrator.Name, "fails", "kaput", CancellationToken.None);

        var done = await gateway.WaitForCompletionAsync("fails", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Failed, done.State);
        Assert.NotNull(done.Failure);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.Failure!.ErrorType);
        Assert.Equal("boom: kaput", done.Failure.Message);
        Assert.Null(done.SerializedOutput);
    }

    [Fact]
    public async Task Retry_policy_retries_until_the_activity_succeeds()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;
        await gateway.StartIfNotRunningAsync(RetryOrchestrator.Name, "retry-ok", new RetryRequest("ok", FailuresBeforeSuccess: 2, MaxAttempts: 3), CancellationToken.None);

        var done = await gateway.WaitForCompletionAsync("retry-ok", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Completed, done.State);
        Assert.Equal(3, JsonSerializer.Deserialize<int>(done.SerializedOutput!));
        Assert.Equal(3, engine.Attempts.Get("ok"));
    }

    [Fact]
    public async Task Retry_policy_gives_up_after_the_configured_attempts()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;
        await gateway.StartIfNotRunningAsync(RetryOrchestrator.Name, "retry-no", new RetryRequest("no", FailuresBeforeSuccess: 100, MaxAttempts: 3), CancellationToken.None);

        var done = await gateway.WaitForCompletionAsync("retry-no", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Failed, done.State);
        Assert.Equal(typeof(TimeoutException).FullName, done.Failure!.ErrorType);
        Assert.Equal("attempt 3 of no failed", done.Failure.Message);
        Assert.Equal(3, engine.Attempts.Get("no"));
    }

    [Fact]
    public async Task Retry_policy_does_not_retry_failures_its_handler_rejects()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        var gateway = engine.Gateway;
        await gateway.StartIfNotRunningAsync(
            RetryOrchestrator.Name, "retry-permanent", new RetryRequest("permanent", FailuresBeforeSuccess: 100, MaxAttempts: 3, Permanent: true), CancellationToken.None);

        var done = await gateway.WaitForCompletionAsync("retry-permanent", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Failed, done.State);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.Failure!.ErrorType);
        Assert.Equal("attempt 1 of permanent failed for good", done.Failure.Message);
        Assert.Equal(1, engine.Attempts.Get("permanent"));
    }

    [Fact]
    public async Task Unknown_instance_is_null()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);

        Assert.Null(await engine.Gateway.GetAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Orchestrator_exception_fails_the_orchestration_with_its_type_and_message()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        await engine.Gateway.StartIfNotRunningAsync(ThrowingOrchestrator.Name, "throws", "x", CancellationToken.None);

        var done = await engine.Gateway.WaitForCompletionAsync("throws", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Failed, done.State);
        Assert.Equal(typeof(ArgumentException).FullName, done.Failure!.ErrorType);
        Assert.Equal("bad input: x", done.Failure.Message);
    }

    [Fact]
    public async Task Each_activity_work_item_gets_its_own_scope_disposed_afterwards()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        await engine.Gateway.StartIfNotRunningAsync(ScopedPairOrchestrator.Name, "scoped", "x", CancellationToken.None);

        var done = await engine.Gateway.WaitForCompletionAsync("scoped", Generous, CancellationToken.None);

        var ids = JsonSerializer.Deserialize<Guid[]>(done.SerializedOutput!)!;
        Assert.Equal(2, ids.Length);
        Assert.NotEqual(ids[0], ids[1]);
        Assert.All(ids, id => Assert.True(engine.Scopes.IsDisposed(id)));
    }

    [Fact]
    public async Task Replay_safe_logger_logs_once_and_framework_polling_stays_below_warning()
    {
        await using var engine = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output);
        await engine.Gateway.StartIfNotRunningAsync(TwoStepOrchestrator.Name, "logged", new OrderRequest("lin", 1), CancellationToken.None);
        await engine.Gateway.WaitForCompletionAsync("logged", Generous, CancellationToken.None);

        var lines = engine.Logs.Lines;
        Assert.Single(lines, l => l.Message == "Quoting lin");
        Assert.DoesNotContain(lines, l => l.Category.StartsWith("DurableTask.", StringComparison.Ordinal) && l.Level < LogLevel.Warning);
    }
}

using Azure;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Storage;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Tests.Orchestration;

/// <summary>Storage failures are classified by status code where the activity catches them, never by message text.</summary>
public sealed class StorageFailureClassificationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_storage_failure_worth_retrying_leaves_the_activity_transient(int status)
    {
        var error = await Assert.ThrowsAsync<TransientStorageException>(() => new FailingActivity(status).RunAsync(null!, "input"));

        Assert.Equal(status, error.Status);
        Assert.True(TransientFailures.IsTransient(Details(error)));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    public async Task A_storage_refusal_leaves_the_activity_permanent(int status)
    {
        var error = await Assert.ThrowsAsync<StorageRequestException>(() => new FailingActivity(status).RunAsync(null!, "input"));

        Assert.Equal(status, error.Status);
        Assert.False(TransientFailures.IsTransient(Details(error)));
    }

    [Fact]
    public void A_message_that_merely_mentions_a_status_decides_nothing()
    {
        // Before: any RequestFailedException was transient unless its text said "Status: 400" or "Status: 403".
        var raw = new RequestFailedException(403, "Status: 500 (this text is not the status)");

        Assert.False(TransientFailures.IsTransient(Details(raw)));
    }

    private static TaskFailureDetails Details(Exception exception) =>
        new(exception.GetType().FullName!, exception.Message, null, exception.InnerException is { } inner ? Details(inner) : null, null);

    private sealed class FailingActivity(int status) : IssuanceActivity<string, string>
    {
        protected override Task<string> RunStepAsync(TaskActivityContext context, string input) =>
            throw new RequestFailedException(status, "The storage call failed.");
    }
}

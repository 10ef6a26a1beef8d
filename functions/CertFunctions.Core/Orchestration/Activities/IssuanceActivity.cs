using Azure;
using CertFunctions.Core.Storage;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// An issuance step: a Durable activity whose storage failures leave it classified by status code
/// (<see cref="StorageFailure"/>), so the retry policies decide from the exception's type, never from its text.
/// </summary>
/// <typeparam name="TInput">The step's input record.</typeparam>
/// <typeparam name="TOutput">The step's output record.</typeparam>
public abstract class IssuanceActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    /// <inheritdoc />
    public sealed override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        try
        {
            return await RunStepAsync(context, input).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailure.From(ex);
        }
    }

    /// <summary>Runs the step.</summary>
    protected abstract Task<TOutput> RunStepAsync(TaskActivityContext context, TInput input);
}

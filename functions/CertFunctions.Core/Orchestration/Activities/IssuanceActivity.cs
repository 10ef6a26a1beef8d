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
        // One span per step, under the engine's activity span when it has one; the HTTP calls of the step nest under it.
        using var span = StartSpan(context);
        try
        {
            return await RunStepAsync(context, input).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw StorageFailure.From(ex);
        }
        catch (Exception ex)
        {
            // The exception's type only: its message may quote the CA's or the cluster's answer.
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>The step's span, or null (nobody listens, or a unit test runs the step without a context).</summary>
    private static System.Diagnostics.Activity? StartSpan(TaskActivityContext? context)
        => context is null ? null : Telemetry.IssuanceTelemetry.StartStep(context.Name.ToString(), context.InstanceId);

    /// <summary>Runs the step.</summary>
    protected abstract Task<TOutput> RunStepAsync(TaskActivityContext context, TInput input);
}

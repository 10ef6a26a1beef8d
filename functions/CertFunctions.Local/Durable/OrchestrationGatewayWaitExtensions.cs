using CertFunctions.Core.Hosting;

namespace CertFunctions.Local.Durable;

/// <summary>Waits for an instance to finish by polling its state (DTFx's own wait polls only every 2 s).</summary>
public static class OrchestrationGatewayWaitExtensions
{
    /// <summary>How often <see cref="WaitForCompletionAsync"/> polls.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls until the instance is no longer pending, running or suspended and returns its final snapshot.
    /// </summary>
    /// <exception cref="TimeoutException">The instance is still active (or unknown) after <paramref name="timeout"/>.</exception>
    public static Task<OrchestrationSnapshot> WaitForCompletionAsync(
        this IOrchestrationGateway gateway, string instanceId, TimeSpan timeout, CancellationToken cancellationToken)
        => WaitUntilAsync(gateway, instanceId, static s => !s.IsActive, timeout, cancellationToken);

    /// <summary>Polls until <paramref name="condition"/> holds for the instance's snapshot and returns that snapshot.</summary>
    /// <exception cref="TimeoutException">The condition does not hold within <paramref name="timeout"/>.</exception>
    public static async Task<OrchestrationSnapshot> WaitUntilAsync(
        this IOrchestrationGateway gateway,
        string instanceId,
        Func<OrchestrationSnapshot, bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        OrchestrationSnapshot? last = null;
        try
        {
            while (true)
            {
                last = await gateway.GetAsync(instanceId, deadline.Token);
                if (last is not null && condition(last))
                {
                    return last;
                }

                await Task.Delay(DefaultPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Orchestration '{instanceId}' did not reach the expected state within {timeout} (last state: {last?.State.ToString() ?? "none"}).");
        }
    }
}

using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Reads the Ingress (<see cref="ReadIngressActivity"/>) and creates the order for its names
/// (<see cref="CreateOrderActivity"/>) in one activity: the CA is only asked once the Ingress is valid, and the common
/// path saves one orchestration round trip (each costs a queue message and a history write).
/// </summary>
public sealed class PrepareIssuanceActivity(ReadIngressActivity read, CreateOrderActivity order) : IssuanceActivity<PrepareIssuanceInput, PreparedIssuance>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(PrepareIssuanceActivity);

    /// <inheritdoc />
    protected override async Task<PreparedIssuance> RunStepAsync(TaskActivityContext context, PrepareIssuanceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = await read.RunAsync(context, new ReadIngressInput(input.Certificate, input.Owner)).ConfigureAwait(false);
        var created = await order.RunAsync(
            context,
            new CreateOrderInput(input.Certificate, plan.Spec.Hosts, plan.Profile, input.Replaces, plan.Issuer)).ConfigureAwait(false);
        return new PreparedIssuance(plan, created);
    }
}

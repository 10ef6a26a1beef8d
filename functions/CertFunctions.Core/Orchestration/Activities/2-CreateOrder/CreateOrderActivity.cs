using CertFunctions.Acme;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Protocol;
using CertFunctions.Core.Acme;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Creates the ACME order and collects the http-01 challenges of the authorizations that are not yet valid. Safe to
/// run again: the order is recorded for the instance, and a run that finds a recorded order for the same names that
/// the CA still has pending or ready goes on with it instead of creating another.
/// </summary>
public sealed class CreateOrderActivity(AcmeAccountRecovery acme, OrderRecordStore orders) : IssuanceActivity<CreateOrderInput, CreateOrderOutput>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(CreateOrderActivity);

    /// <inheritdoc />
    protected override Task<CreateOrderOutput> RunStepAsync(TaskActivityContext context, CreateOrderInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return acme.RunAsync(input.Issuer, input.Certificate, client => OrderAsync(client, context.InstanceId, input), CancellationToken.None);
    }

    private async Task<CreateOrderOutput> OrderAsync(AcmeClient client, string instanceId, CreateOrderInput input)
    {
        var order = await RecordedOrderAsync(client, instanceId, input.Hosts, input.Issuer).ConfigureAwait(false);
        if (order is null)
        {
            try
            {
                order = await client.CreateOrderAsync(
                    input.Hosts,
                    new OrderOptions { Profile = input.Profile, Replaces = input.Replaces },
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (AcmeRateLimitedException ex)
            {
                Telemetry.IssuanceTelemetry.RateLimited(Name);
                return new CreateOrderOutput(null, [], new RateLimitNotice(ex.RetryAfter ?? TimeSpan.FromHours(1), ex.Detail ?? ex.Message));
            }

            await orders.WriteAsync(instanceId, new RecordedOrder(order.Url!, input.Hosts, input.Issuer), CancellationToken.None).ConfigureAwait(false);
        }

        var authorizations = await Task.WhenAll(order.Authorizations.Select(url => client.GetAuthorizationAsync(url, CancellationToken.None))).ConfigureAwait(false);
        var challenges = new List<PendingChallenge>();
        foreach (var authorization in authorizations)
        {
            if (authorization.Status == AcmeStatus.Valid)
            {
                continue;
            }

            var http01 = client.GetHttp01Challenge(authorization)
                ?? throw new AcmeProtocolException($"The CA offers no http-01 challenge for {authorization.Identifier.Value}; CertFunctions validates with http-01 only.");
            challenges.Add(new PendingChallenge(http01.Domain, http01.Token, http01.KeyAuthorization, http01.ChallengeUrl, http01.AuthorizationUrl));
        }

        return new CreateOrderOutput(order.Url, challenges, null);
    }

    /// <summary>The order an earlier run of this instance created for these names at this issuer, while the CA can still finish it; else null.</summary>
    private async Task<AcmeOrder?> RecordedOrderAsync(AcmeClient client, string instanceId, IReadOnlyList<string> hosts, string? issuer)
    {
        var recorded = await orders.ReadAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        if (recorded is null || !recorded.IsFor(hosts) || !recorded.IsAt(issuer))
        {
            return null;
        }

        try
        {
            var order = await client.GetOrderAsync(recorded.OrderUrl, CancellationToken.None).ConfigureAwait(false);
            return order.Status is AcmeStatus.Pending or AcmeStatus.Ready ? order : null;
        }
        catch (AcmeProblemException ex) when (ex is not AcmeAccountDoesNotExistException && ex.HttpStatus is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            // The CA forgot the order (expired, a CA rebuilt) or it belongs to the account the CA forgot: a new one is needed.
            return null;
        }
    }
}

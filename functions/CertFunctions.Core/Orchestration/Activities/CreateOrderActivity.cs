using CertFunctions.Acme;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Protocol;
using CertFunctions.Core.Acme;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Creates the ACME order and collects the http-01 challenges of the authorizations that are not yet valid.</summary>
public sealed class CreateOrderActivity(AcmeClientProvider acme) : TaskActivity<CreateOrderInput, CreateOrderOutput>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(CreateOrderActivity);

    /// <inheritdoc />
    public override async Task<CreateOrderOutput> RunAsync(TaskActivityContext context, CreateOrderInput input)
    {
        var client = await acme.GetClientAsync(CancellationToken.None).ConfigureAwait(false);
        AcmeOrder order;
        try
        {
            order = await client.CreateOrderAsync(
                input.Hosts,
                new OrderOptions { Profile = input.Profile, Replaces = input.Replaces },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (AcmeRateLimitedException ex)
        {
            return new CreateOrderOutput(null, [], new RateLimitNotice(ex.RetryAfter ?? TimeSpan.FromHours(1), ex.Detail ?? ex.Message));
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
}

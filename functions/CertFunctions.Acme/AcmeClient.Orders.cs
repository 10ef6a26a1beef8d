using System.Text.Json.Serialization.Metadata;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Http;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Telemetry;

namespace CertFunctions.Acme;

/// <summary>Orders, authorizations, challenges and polling.</summary>
public sealed partial class AcmeClient
{
    /// <summary>Creates an order for DNS names, with an optional profile and ARI <c>replaces</c> (retried without it when the CA rejects it).</summary>
    public async Task<AcmeOrder> CreateOrderAsync(IEnumerable<string> dnsNames, OrderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        var identifiers = dnsNames.Select(n => n.Trim().TrimEnd('.').ToLowerInvariant()).Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal).Select(AcmeIdentifier.Dns).ToList();
        if (identifiers.Count == 0)
        {
            throw new ArgumentException("An order needs at least one DNS name.", nameof(dnsNames));
        }

        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var profile = options?.Profile;
        if (profile is not null)
        {
            var offered = directory.Meta?.Profiles;
            if (offered is null || offered.Count == 0)
            {
                profile = null;
            }
            else if (!offered.ContainsKey(profile))
            {
                throw new ArgumentException($"The CA offers no profile '{profile}' (it offers: {string.Join(", ", offered.Keys)}).", nameof(options));
            }
        }

        var replaces = directory.RenewalInfo is null ? null : options?.Replaces;
        var request = new NewOrderPayload { Identifiers = identifiers, Profile = profile, Replaces = replaces };
        AcmeResponse response;
        try
        {
            response = await PostAsync(directory.NewOrder, AcmeEndpoint.NewOrder, Serialize(request, AcmeJsonContext.Default.NewOrderPayload), cancellationToken).ConfigureAwait(false);
        }
        catch (AcmeProblemException error) when (replaces is not null && IsReplacesRejection(error))
        {
            AcmeLog.ReplacesRejected(_logger, replaces, error.ProblemType);
            request = request with { Replaces = null };
            response = await PostAsync(directory.NewOrder, AcmeEndpoint.NewOrder, Serialize(request, AcmeJsonContext.Default.NewOrderPayload), cancellationToken).ConfigureAwait(false);
        }

        var order = response.ReadJson(AcmeJsonContext.Default.AcmeOrder) with { Url = response.RequireLocation() };
        AcmeLog.OrderCreated(_logger, order.Url, identifiers[0].Value, identifiers.Count - 1, order.Status);
        return order;
    }

    /// <summary>Reads an order by URL.</summary>
    public async Task<AcmeOrder> GetOrderAsync(Uri orderUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderUrl);
        var response = await PostAsync(orderUrl, AcmeEndpoint.Order, null, cancellationToken).ConfigureAwait(false);
        return response.ReadJson(AcmeJsonContext.Default.AcmeOrder) with { Url = orderUrl };
    }

    /// <summary>Reads an authorization by URL.</summary>
    public async Task<AcmeAuthorization> GetAuthorizationAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        var response = await PostAsync(authorizationUrl, AcmeEndpoint.Authorization, null, cancellationToken).ConfigureAwait(false);
        return response.ReadJson(AcmeJsonContext.Default.AcmeAuthorization) with { Url = authorizationUrl };
    }

    /// <summary>The http-01 challenge of an authorization with its key authorization, or null when the CA offers none.</summary>
    public Http01Challenge? GetHttp01Challenge(AcmeAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (authorization.Http01 is not { Token: { } token } challenge)
        {
            return null;
        }

        return new Http01Challenge(
            authorization.Identifier.Value,
            token,
            GetKeyAuthorization(token),
            challenge.Url,
            authorization.Url ?? throw new ArgumentException("The authorization has no URL.", nameof(authorization)));
    }

    /// <summary>Tells the CA the challenge is ready to be validated.</summary>
    public async Task<AcmeChallenge> AnswerChallengeAsync(Uri challengeUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeUrl);
        var response = await PostAsync(challengeUrl, AcmeEndpoint.Challenge, EmptyObject(), cancellationToken).ConfigureAwait(false);
        var challenge = response.ReadJson(AcmeJsonContext.Default.AcmeChallenge);
        // Never the token: with the account key's thumbprint it is the key authorization, and logs are exported as telemetry.
        AcmeLog.ChallengeAnswered(_logger, challengeUrl, challenge.Status);
        return challenge;
    }

    /// <summary>Polls an order until it is no longer pending or processing (ready, valid or invalid), honouring Retry-After.</summary>
    public Task<AcmeOrder> WaitForOrderAsync(Uri orderUrl, CancellationToken cancellationToken = default)
        => PollAsync(
            orderUrl,
            AcmeEndpoint.Order,
            AcmeJsonContext.Default.AcmeOrder,
            o => o.Status,
            static (o, url) => o with { Url = url },
            cancellationToken);

    /// <summary>Polls an authorization until it is no longer pending (valid, invalid, deactivated, expired or revoked).</summary>
    public Task<AcmeAuthorization> WaitForAuthorizationAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
        => PollAsync(
            authorizationUrl,
            AcmeEndpoint.Authorization,
            AcmeJsonContext.Default.AcmeAuthorization,
            a => a.Status,
            static (a, url) => a with { Url = url },
            cancellationToken);

    /// <summary>Submits the CSR (DER) to the order's finalize URL; returns the order (often processing; then wait for it).</summary>
    public Task<AcmeOrder> FinalizeAsync(AcmeOrder order, byte[] csr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return FinalizeAsync(
            order.Url ?? throw new ArgumentException("The order has no URL.", nameof(order)),
            order.Finalize ?? throw new ArgumentException("The order has no finalize URL.", nameof(order)),
            csr,
            cancellationToken);
    }

    /// <summary>Submits the CSR (DER) to <paramref name="finalizeUrl"/> of the order at <paramref name="orderUrl"/>.</summary>
    public async Task<AcmeOrder> FinalizeAsync(Uri orderUrl, Uri finalizeUrl, byte[] csr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderUrl);
        ArgumentNullException.ThrowIfNull(finalizeUrl);
        ArgumentNullException.ThrowIfNull(csr);
        var finalize = finalizeUrl;
        var response = await PostAsync(finalize, AcmeEndpoint.Finalize, Serialize(new FinalizePayload(Base64Url.Encode(csr)), AcmeJsonContext.Default.FinalizePayload), cancellationToken).ConfigureAwait(false);
        return response.ReadJson(AcmeJsonContext.Default.AcmeOrder) with { Url = response.Location ?? orderUrl };
    }

    /// <summary>
    /// Explains why an order is invalid: the first invalid authorization's challenge error
    /// (<see cref="AcmeAuthorizationFailedException"/>) or the order's own error (<see cref="AcmeOrderFailedException"/>).
    /// </summary>
    public async Task<AcmeProblemException> GetOrderFailureAsync(AcmeOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        foreach (var url in order.Authorizations)
        {
            var authorization = await GetAuthorizationAsync(url, cancellationToken).ConfigureAwait(false);
            if (authorization.Status is AcmeStatus.Invalid or AcmeStatus.Deactivated or AcmeStatus.Expired or AcmeStatus.Revoked)
            {
                return AuthorizationFailure(authorization);
            }
        }

        return new AcmeOrderFailedException(order, order.Error ?? new AcmeProblem { Detail = $"The order is {order.Status}." }) { RequestUri = order.Url };
    }

    internal static AcmeAuthorizationFailedException AuthorizationFailure(AcmeAuthorization authorization)
    {
        var problem = authorization.Challenges.Select(c => c.Error).FirstOrDefault(e => e is not null)
            ?? new AcmeProblem { Detail = $"The authorization is {authorization.Status} and names no challenge error." };
        return new AcmeAuthorizationFailedException(authorization, problem) { RequestUri = authorization.Url };
    }

    private static bool IsReplacesRejection(AcmeProblemException error)
        => error is not (AcmeRateLimitedException or AcmeUnauthorizedException or AcmeAccountDoesNotExistException)
            && !error.IsRetryable
            && error.HttpStatus is { } status && (int)status is >= 400 and < 500;

    private async Task<T> PollAsync<T>(
        Uri url,
        AcmeEndpoint endpoint,
        JsonTypeInfo<T> typeInfo,
        Func<T, AcmeStatus> status,
        Func<T, Uri, T> withUrl,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var deadline = _time.GetUtcNow() + _options.PollTimeout;
        var backoff = _options.InitialPollInterval;
        var wait = backoff;
        while (true)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            var response = await PostAsync(url, endpoint, null, cancellationToken).ConfigureAwait(false);
            var resource = withUrl(response.ReadJson(typeInfo), url);
            var current = status(resource);
            if (current is not (AcmeStatus.Pending or AcmeStatus.Processing))
            {
                return resource;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxPollInterval.Ticks));
            wait = response.RetryAfter is { } retryAfter
                ? TimeSpan.FromTicks(Math.Min(retryAfter.Ticks, _options.MaxPollInterval.Ticks))
                : backoff;
            if (_time.GetUtcNow() + wait > deadline)
            {
                throw new AcmeTimeoutException($"{url} is still {current} after {_options.PollTimeout.TotalSeconds:0} s; resume by polling it again.")
                {
                    RequestUri = url,
                    RetryAfter = wait,
                };
            }

            AcmeLog.Polling(_logger, url, current, wait.TotalMilliseconds);
        }
    }
}

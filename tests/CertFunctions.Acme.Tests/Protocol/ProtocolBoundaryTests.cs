using System.Net;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Tests.Support;

namespace CertFunctions.Acme.Tests.Protocol;

/// <summary>Behaviour at the HTTP boundary that Pebble cannot provoke on demand.</summary>
public sealed class ProtocolBoundaryTests
{
    private const string PendingOrder = """
        {"status":"pending","identifiers":[{"type":"dns","value":"a.example.test"}],
         "authorizations":["https://ca.test/authz/1"],"finalize":"https://ca.test/order/1/finalize"}
        """;

    [Fact]
    public async Task A_rate_limit_surfaces_Retry_After_and_is_not_retried()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            Handle = _ =>
            {
                var response = FakeAcmeServer.Problem(HttpStatusCode.TooManyRequests, AcmeErrorTypes.RateLimited, "too many new orders recently");
                response.Headers.Add("Retry-After", "3600");
                return response;
            },
        };
        using var client = server.CreateClient(key);

        var error = await Assert.ThrowsAsync<AcmeRateLimitedException>(() => client.CreateOrderAsync(["a.example.test"]));

        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.True(error.IsRetryable);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatus);
        Assert.Equal("too many new orders recently", error.Detail);
        Assert.Equal(1, server.Count(HttpMethod.Post, "/new-order"));
    }

    [Fact]
    public async Task A_503_becomes_a_retryable_server_error_with_its_Retry_After_date()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            Handle = _ =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("maintenance") };
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(10));
                return response;
            },
        };
        using var client = server.CreateClient(key);

        var error = await Assert.ThrowsAsync<AcmeServerUnavailableException>(() => client.GetOrderAsync(new Uri("https://ca.test/order/1")));

        Assert.True(error.IsRetryable);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(10));
        Assert.Contains("maintenance", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subproblems_name_their_identifiers()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            Handle = _ => FakeAcmeServer.Problem(
                HttpStatusCode.BadRequest,
                AcmeErrorTypes.Malformed,
                "Some of the identifiers requested were rejected",
                ""","subproblems":[{"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"policy forbids","identifier":{"type":"dns","value":"bad.example"}}]"""),
        };
        using var client = server.CreateClient(key);

        var error = await Assert.ThrowsAsync<AcmeProblemException>(() => client.CreateOrderAsync(["ok.example", "bad.example"]));

        var subproblem = Assert.Single(error.Subproblems);
        Assert.Equal(AcmeErrorTypes.RejectedIdentifier, subproblem.Type);
        Assert.Equal("bad.example", subproblem.Identifier!.Value);
        Assert.Contains("bad.example", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadNonce_is_retried_with_the_fresh_nonce_up_to_the_bound()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer { Handle = _ => FakeAcmeServer.Problem(HttpStatusCode.BadRequest, AcmeErrorTypes.BadNonce, "JWS has an invalid anti-replay nonce") };
        using var client = server.CreateClient(key, new AcmeClientOptions { BadNonceRetries = 3 });

        var error = await Assert.ThrowsAsync<AcmeBadNonceException>(() => client.GetOrderAsync(new Uri("https://ca.test/order/1")));

        Assert.True(error.IsRetryable);
        Assert.Equal(4, server.Count(HttpMethod.Post, "/order/1"));
        Assert.Equal(1, server.Count(HttpMethod.Head, "/nonce"));
        var nonces = server.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Header!.Value.GetProperty("nonce").GetString()).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public async Task Nonces_from_responses_are_reused_and_newNonce_is_asked_only_when_none_is_left()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer { Handle = _ => FakeAcmeServer.Json(HttpStatusCode.OK, PendingOrder) };
        using var client = server.CreateClient(key);

        for (var i = 0; i < 5; i++)
        {
            await client.GetOrderAsync(new Uri("https://ca.test/order/1"));
        }

        Assert.Equal(1, server.Count(HttpMethod.Head, "/nonce"));
        Assert.Equal(1, server.Count(HttpMethod.Get, "/dir"));
        Assert.Equal(7, client.RequestCount);
        var post = server.Requests.First(r => r.Method == HttpMethod.Post);
        Assert.Equal(FakeAcmeServer.AccountUrl.AbsoluteUri, post.Header!.Value.GetProperty("kid").GetString());
        Assert.Null(post.Payload);
    }

    [Fact]
    public async Task Polling_honours_Retry_After_capped_and_backs_off_without_it()
    {
        using var key = AccountKey.Generate();
        var polls = 0;
        var server = new FakeAcmeServer
        {
            Handle = _ =>
            {
                polls++;
                var status = polls < 5 ? "processing" : "valid";
                var response = FakeAcmeServer.Json(HttpStatusCode.OK, PendingOrder.Replace("pending", status, StringComparison.Ordinal));
                if (polls == 2)
                {
                    response.Headers.Add("Retry-After", "2");
                }

                if (polls == 3)
                {
                    response.Headers.Add("Retry-After", "86400");
                }

                return response;
            },
        };
        var time = new ManualTimeProvider();
        var options = new AcmeClientOptions { InitialPollInterval = TimeSpan.FromMilliseconds(50), MaxPollInterval = TimeSpan.FromSeconds(10) };
        using var client = server.CreateClient(key, options, time);

        var order = await client.WaitForOrderAsync(new Uri("https://ca.test/order/1"));

        Assert.Equal(AcmeStatus.Valid, order.Status);
        Assert.Equal(new Uri("https://ca.test/order/1"), order.Url);
        Assert.Equal(
            [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(800)],
            time.Delays);
    }

    [Fact]
    public async Task Polling_gives_up_after_the_bound_with_a_retryable_timeout()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer { Handle = _ => FakeAcmeServer.Json(HttpStatusCode.OK, PendingOrder) };
        var time = new ManualTimeProvider();
        using var client = server.CreateClient(key, new AcmeClientOptions { PollTimeout = TimeSpan.FromSeconds(30) }, time);

        var error = await Assert.ThrowsAsync<AcmeTimeoutException>(() => client.WaitForOrderAsync(new Uri("https://ca.test/order/1")));

        Assert.True(error.IsRetryable);
        Assert.True(time.Delays.Sum(d => d.TotalSeconds) <= 30);
    }

    [Fact]
    public async Task Polling_stops_when_cancelled()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer { Handle = _ => FakeAcmeServer.Json(HttpStatusCode.OK, PendingOrder) };
        using var client = server.CreateClient(key);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitForOrderAsync(new Uri("https://ca.test/order/1"), cancellation.Token));
    }

    [Fact]
    public async Task A_profile_is_sent_only_when_the_directory_lists_profiles()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            Handle = _ =>
            {
                var response = FakeAcmeServer.Json(HttpStatusCode.Created, PendingOrder);
                response.Headers.Location = new Uri("https://ca.test/order/1");
                return response;
            },
        };
        using var client = server.CreateClient(key);

        var order = await client.CreateOrderAsync(["A.Example.Test."], new OrderOptions { Profile = "shortlived" });

        var request = Assert.Single(server.Requests, r => r.Path == "/new-order");
        Assert.False(request.Payload!.Value.TryGetProperty("profile", out _));
        Assert.Equal("a.example.test", request.Payload.Value.GetProperty("identifiers")[0].GetProperty("value").GetString());
        Assert.Equal(new Uri("https://ca.test/order/1"), order.Url);
    }
}

using System.Net;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Issuance;

/// <summary>A step that runs again must not fail on a challenge an earlier attempt already answered.</summary>
[Collection(PebbleCollection.Name)]
public sealed class AnswerOnceTests(PebbleFixture pebble)
{
    [Fact]
    public async Task A_challenge_the_CA_already_validated_is_not_answered_again()
    {
        await using var session = PebbleSession.Start(pebble);
        await session.Client.EnsureAccountAsync();
        var order = await session.Client.CreateOrderAsync(PebbleSession.Names(1));
        var challenge = session.Client.GetHttp01Challenge(await session.Client.GetAuthorizationAsync(order.Authorizations[0]))!;
        session.Server.Add(challenge.Token, challenge.KeyAuthorization);

        await session.Client.AnswerChallengeOnceAsync(challenge.AuthorizationUrl, challenge.ChallengeUrl);
        Assert.Equal(AcmeStatus.Valid, (await session.Client.WaitForAuthorizationAsync(challenge.AuthorizationUrl)).Status);

        // Answering it the plain way is what the CA refuses; the once-only answer reads the authorization instead.
        var refused = await Assert.ThrowsAsync<AcmeProblemException>(() => session.Client.AnswerChallengeAsync(challenge.ChallengeUrl));
        Assert.Equal(AcmeErrorTypes.Malformed, refused.ProblemType);
        var again = await session.Client.AnswerChallengeOnceAsync(challenge.AuthorizationUrl, challenge.ChallengeUrl);
        Assert.Equal(AcmeStatus.Valid, again.Status);
    }

    [Fact]
    public async Task The_CA_refusing_a_challenge_that_left_pending_meanwhile_leads_to_reading_the_authorization_again()
    {
        using var key = AccountKey.Generate();
        var reads = 0;
        var server = new FakeAcmeServer
        {
            // Pending when read, answered by another attempt before this one's answer arrives.
            Handle = request => request.Path switch
            {
                "/authz/1" => FakeAcmeServer.Json(HttpStatusCode.OK, Authorization(Interlocked.Increment(ref reads) == 1 ? "pending" : "valid")),
                "/chall/1" => FakeAcmeServer.Problem(HttpStatusCode.BadRequest, AcmeErrorTypes.Malformed, "Cannot update challenge with status valid, only status pending"),
                _ => FakeAcmeServer.Problem(HttpStatusCode.NotFound, "about:blank", "no route"),
            },
        };
        using var client = server.CreateClient(key);

        var authorization = await client.AnswerChallengeOnceAsync(new Uri(FakeAcmeServer.Base + "/authz/1"), new Uri(FakeAcmeServer.Base + "/chall/1"));

        Assert.Equal(AcmeStatus.Valid, authorization.Status);
        Assert.Equal(1, server.Count(HttpMethod.Post, "/chall/1"));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_refusal_while_the_challenge_is_still_pending_is_a_failure()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            Handle = request => request.Path switch
            {
                "/authz/1" => FakeAcmeServer.Json(HttpStatusCode.OK, Authorization("pending")),
                _ => FakeAcmeServer.Problem(HttpStatusCode.BadRequest, AcmeErrorTypes.Malformed, "bad request"),
            },
        };
        using var client = server.CreateClient(key);

        await Assert.ThrowsAsync<AcmeProblemException>(
            () => client.AnswerChallengeOnceAsync(new Uri(FakeAcmeServer.Base + "/authz/1"), new Uri(FakeAcmeServer.Base + "/chall/1")));
    }

    private static string Authorization(string status) => $$"""
        {"identifier":{"type":"dns","value":"a.example.test"},"status":"{{status}}",
         "challenges":[{"type":"http-01","url":"{{FakeAcmeServer.Base}}/chall/1","status":"{{status}}","token":"t1"}]}
        """;
}

using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Issuance;

[Collection(PebbleCollection.Name)]
public sealed class FailureTests(PebbleFixture pebble)
{
    [Fact]
    public async Task A_token_that_is_not_served_ends_in_an_invalid_authorization_with_the_CA_detail()
    {
        await using var session = PebbleSession.Start(pebble);
        var names = PebbleSession.Names(1);
        var cleaned = 0;
        var silent = new DelegateHttp01Responder((_, _) => Task.CompletedTask, (_, _) => { cleaned++; return Task.CompletedTask; });

        var error = await Assert.ThrowsAsync<AcmeAuthorizationFailedException>(() => session.Client.IssueAsync(names, silent));

        Assert.Equal(names[0], error.Identifier.Value);
        Assert.Equal(AcmeStatus.Invalid, error.Authorization.Status);
        Assert.StartsWith(AcmeErrorTypes.Prefix, error.ProblemType, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        Assert.Equal(1, cleaned);
    }

    [Fact]
    public async Task A_CSR_whose_names_differ_from_the_order_is_rejected_with_the_CA_detail()
    {
        await using var session = PebbleSession.Start(pebble);
        var names = PebbleSession.Names(1);
        await session.Client.CreateAccountAsync();
        var order = await session.Client.CreateOrderAsync(names);
        var authorization = await session.Client.GetAuthorizationAsync(order.Authorizations[0]);
        var challenge = session.Client.GetHttp01Challenge(authorization)!;
        session.Server.Add(challenge.Token, challenge.KeyAuthorization);
        await session.Client.AnswerChallengeAsync(challenge.ChallengeUrl);
        order = await session.Client.WaitForOrderAsync(order.Url!);
        Assert.Equal(AcmeStatus.Ready, order.Status);
        using var key = CertificateKey.Generate();

        var error = await Assert.ThrowsAnyAsync<AcmeProblemException>(
            () => session.Client.FinalizeAsync(order, key.CreateCsr(["other-" + names[0]])));

        // Pebble 2.4 (Debian) answers a name mismatch with unauthorized; Boulder answers badCSR (AcmeBadCsrException).
        Assert.True(error is AcmeUnauthorizedException or AcmeBadCsrException, error.ToString());
        Assert.Contains(names[0], error.Detail, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.NotNull(error.HttpStatus);
    }
}

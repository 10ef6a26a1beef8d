using CertFunctions.Acme.Tests.Issuance;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Scenarios;

/// <summary>A Pebble that always reuses valid authorizations.</summary>
public sealed class AuthorizationReusePebble() : DedicatedPebble(new PebbleOptions { AuthorizationReusePercent = 100 });

public sealed class AuthorizationReuseTests(AuthorizationReusePebble fixture) : IClassFixture<AuthorizationReusePebble>
{
    [Fact]
    public async Task Already_valid_authorizations_are_skipped()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);
        var names = PebbleSession.Names(2);
        using var first = await IssuanceTests.IssueAsync(session, names);
        var presented = 0;
        var counting = new DelegateHttp01Responder(
            (challenge, ct) =>
            {
                Interlocked.Increment(ref presented);
                return session.Responder.PresentAsync(challenge, ct);
            },
            session.Responder.CleanupAsync);

        var second = await session.Client.IssueAsync(names, counting);
        using var lease = new IssuedCertificateLease(second);

        Assert.Equal(0, presented);
        Assert.NotEqual(first.Chain.Leaf.SerialNumber, second.Chain.Leaf.SerialNumber);
    }
}

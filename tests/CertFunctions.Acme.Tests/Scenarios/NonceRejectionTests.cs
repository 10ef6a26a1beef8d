using CertFunctions.Acme.Tests.Issuance;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Scenarios;

/// <summary>A Pebble rejecting half of all valid nonces.</summary>
public sealed class HalfNoncesRejectedPebble() : DedicatedPebble(new PebbleOptions { NonceRejectPercent = 50 });

public sealed class NonceRejectionTests(HalfNoncesRejectedPebble fixture) : IClassFixture<HalfNoncesRejectedPebble>
{
    [Fact]
    public async Task Issuance_succeeds_when_half_of_the_nonces_are_rejected()
    {
        // 50% rejection: a bound of 20 retries makes a give-up chance of 2^-21 per request.
        await using var session = PebbleSession.Start(fixture.Pebble, options: new AcmeClientOptions { BadNonceRetries = 20 });

        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(3));

        Assert.Equal(3, IssuanceTests.DnsNames(issued.Chain.Leaf).Length);
    }
}

using CertFunctions.Acme.Tests.Issuance;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Scenarios;

/// <summary>A Pebble issuing certificates valid for one day (Pebble 2.4 config certificateValidityPeriod).</summary>
public sealed class ShortLivedPebble() : DedicatedPebble(new PebbleOptions { CertificateValidityPeriod = TimeSpan.FromDays(1) });

public sealed class CertificateValidityTests(ShortLivedPebble fixture) : IClassFixture<ShortLivedPebble>
{
    [Fact]
    public async Task The_configured_validity_period_shapes_the_issued_certificate()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);

        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1));

        var lifetime = issued.Chain.Leaf.NotAfter - issued.Chain.Leaf.NotBefore;
        Assert.InRange(lifetime, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
    }
}

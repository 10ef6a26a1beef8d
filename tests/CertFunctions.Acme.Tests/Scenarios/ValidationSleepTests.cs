using CertFunctions.Acme.Tests.Issuance;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Scenarios;

/// <summary>A Pebble whose validation authority sleeps (up to 3 s) before validating, so the client has to poll.</summary>
public sealed class SleepingValidationPebble() : DedicatedPebble(new PebbleOptions { ValidationSleep = true, ValidationSleepSeconds = 3 });

public sealed class ValidationSleepTests(SleepingValidationPebble fixture) : IClassFixture<SleepingValidationPebble>
{
    [Fact]
    public async Task Issuance_waits_for_a_slow_validation()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);

        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(2));

        Assert.Equal(2, IssuanceTests.DnsNames(issued.Chain.Leaf).Length);
    }
}

using System.Text.Json;
using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Issuance;

[Collection(PebbleCollection.Name)]
public sealed class RevocationTests(PebbleFixture pebble)
{
    [Fact]
    public async Task A_certificate_is_revoked_with_its_reason()
    {
        await using var session = PebbleSession.Start(pebble);
        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1));

        await session.Client.RevokeCertificateAsync(issued.Chain.Leaf, RevocationReason.Superseded);

        using var status = JsonDocument.Parse(await pebble.GetCertificateStatusJsonAsync(issued.Chain.Leaf.SerialNumber.TrimStart('0').ToLowerInvariant()));
        Assert.Equal("Revoked", status.RootElement.GetProperty("Status").GetString());
        Assert.Equal((int)RevocationReason.Superseded, status.RootElement.GetProperty("Reason").GetInt32());
        var again = await Assert.ThrowsAnyAsync<AcmeProblemException>(
            () => session.Client.RevokeCertificateAsync(issued.Chain.Leaf, RevocationReason.Superseded));
        Assert.Equal(AcmeErrorTypes.AlreadyRevoked, again.ProblemType);
    }
}

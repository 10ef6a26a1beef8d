using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Issuance;

[Collection(PebbleCollection.Name)]
public sealed class LoggingAndTransportTests(PebbleFixture pebble)
{
    [Fact]
    public async Task A_whole_issuance_logs_no_key_material()
    {
        await using var session = PebbleSession.Start(pebble);
        var logger = new CapturingLogger();
        using var client = new AcmeClient(session.Http, pebble.DirectoryUri, session.Key, logger: logger);

        var issued = await client.IssueAsync(PebbleSession.Names(2), session.Responder);
        using var lease = new IssuedCertificateLease(issued);
        using var newKey = AccountKey.Generate();
        await client.ChangeAccountKeyAsync(newKey);

        Assert.NotEmpty(logger.Lines);
        var text = logger.Text;
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Key.Thumbprint(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(ExtractX(session.Key.JwkJson), text, StringComparison.Ordinal);
        Assert.DoesNotContain(ExtractX(newKey.JwkJson), text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"protected\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuance_works_over_HTTP2_when_preferred()
    {
        await using var session = PebbleSession.Start(pebble, options: new AcmeClientOptions { PreferHttp2 = true });

        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(3));

        Assert.Equal(3, IssuanceTests.DnsNames(issued.Chain.Leaf).Length);
    }

    private static string ExtractX(string jwk)
    {
        using var document = System.Text.Json.JsonDocument.Parse(jwk);
        return document.RootElement.GetProperty("x").GetString()!;
    }
}

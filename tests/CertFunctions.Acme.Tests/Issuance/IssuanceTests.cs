using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Issuance;

/// <summary>Issuance against the shared Pebble (Pebble's default 5% nonce rejection on).</summary>
[Collection(PebbleCollection.Name)]
public sealed class IssuanceTests(PebbleFixture pebble)
{
    [Fact]
    public async Task Issues_a_certificate_for_one_name()
    {
        await using var session = PebbleSession.Start(pebble);
        var names = PebbleSession.Names(1);

        using var issued = await IssueAsync(session, names);

        Assert.Equal(names, DnsNames(issued.Chain.Leaf));
        Assert.True(issued.Chain.Certificates.Count >= 2);
        await AssertChainsToPebbleRootAsync(issued.Chain);
        Assert.NotNull(session.Client.AccountUrl);
    }

    [Fact]
    public async Task Issues_a_certificate_for_ten_names()
    {
        await using var session = PebbleSession.Start(pebble);
        var names = PebbleSession.Names(10);

        using var issued = await IssueAsync(session, names);

        Assert.Equal(names.Order(StringComparer.Ordinal), DnsNames(issued.Chain.Leaf).Order(StringComparer.Ordinal));
        await AssertChainsToPebbleRootAsync(issued.Chain);
    }

    internal static async Task<IssuedCertificateLease> IssueAsync(PebbleSession session, string[] names, IssueOptions? options = null)
    {
        var issued = await session.Client.IssueAsync(names, session.Responder, options);
        return new IssuedCertificateLease(issued);
    }

    internal static string[] DnsNames(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        return [.. san.EnumerateDnsNames()];
    }

    private async Task AssertChainsToPebbleRootAsync(CertificateChain chain)
    {
        using var root = await pebble.GetRootCertificateAsync(0);
        using var verifier = new X509Chain();
        verifier.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verifier.ChainPolicy.CustomTrustStore.Add(root);
        verifier.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        verifier.ChainPolicy.ExtraStore.AddRange(chain.Intermediates.ToArray());
        Assert.True(verifier.Build(chain.Leaf), string.Join("; ", verifier.ChainStatus.Select(s => s.StatusInformation)));
    }
}

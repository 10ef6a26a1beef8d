using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme.Tests.Issuance;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Scenarios;

/// <summary>A Pebble with two alternate roots (three chains per certificate).</summary>
public sealed class AlternateRootsPebble() : DedicatedPebble(new PebbleOptions { AlternateRoots = 2 });

public sealed class AlternateChainTests(AlternateRootsPebble fixture) : IClassFixture<AlternateRootsPebble>
{
    [Fact]
    public async Task Every_alternate_chain_is_downloaded()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);
        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1));

        var chains = await session.Client.DownloadCertificateChainsAsync(issued.Issued.Order.Certificate!);

        Assert.Equal(3, chains.Count);
        Assert.Equal(3, chains.Select(c => c.TopIssuer.Name).Distinct().Count());
        Assert.All(chains, c => Assert.Equal(issued.Chain.Leaf.Thumbprint, c.Leaf.Thumbprint));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_preferred_chain_is_selected_by_its_root_common_name(int rootIndex)
    {
        await using var session = PebbleSession.Start(fixture.Pebble);
        using var root = await fixture.Pebble.GetRootCertificateAsync(rootIndex);
        var rootName = root.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1), new IssueOptions { PreferredIssuer = rootName });

        Assert.Equal(rootName, issued.Chain.Certificates[^1].GetNameInfo(X509NameType.SimpleName, forIssuer: true));
    }

    [Fact]
    public async Task An_unknown_preferred_issuer_falls_back_to_the_default_chain()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);
        using var root = await fixture.Pebble.GetRootCertificateAsync(0);

        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1), new IssueOptions { PreferredIssuer = "No Such Root" });

        Assert.Equal(root.SubjectName.Name, issued.Chain.TopIssuer.Name);
    }
}

using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Testing.Certificates;

namespace CertFunctions.Core.Tests.Certificates;

public sealed class CertificateMaterialTests
{
    [Fact]
    public void Chain_is_parsed_leaf_first_with_names_and_serial()
    {
        var (chainPem, _, serial) = TestCertificateAuthority.Shared.Issue(["www.example.com", "api.example.com"]);

        var chain = CertificateMaterial.ParseChain("junk before\n" + chainPem);

        Assert.Equal(2, chain.Certificates.Count);
        Assert.Equal(["www.example.com", "api.example.com"], CertificateMaterial.DnsNames(chain.Leaf));
        Assert.Equal(serial, CertificateMaterial.Serial(chain.Leaf));
        Assert.Equal(2, CertificateMaterial.ParseChain(chain.ToPem()).Certificates.Count);
        Assert.DoesNotContain("junk", chain.ToPem(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_leaf_alone_is_read_from_the_first_block()
    {
        var (chainPem, _, serial) = TestCertificateAuthority.Shared.Issue(["www.example.com"]);

        using var leaf = CertificateMaterial.ParseLeaf(chainPem);

        Assert.Equal(serial, CertificateMaterial.Serial(leaf));
    }

    [Theory]
    [InlineData("nothing here")]
    [InlineData("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")]
    public void Text_without_a_usable_certificate_is_a_clear_error(string pem)
    {
        Assert.Throws<InvalidCertificateMaterialException>(() => CertificateMaterial.ParseChain(pem));
        Assert.Throws<InvalidCertificateMaterialException>(() => CertificateMaterial.ParseLeaf(pem));
    }

    [Fact]
    public void Annotation_times_round_trip()
    {
        var time = new DateTimeOffset(2026, 11, 27, 21, 0, 5, TimeSpan.FromHours(1));

        var text = AnnotationTime.Format(time);

        Assert.Equal("2026-11-27T20:00:05Z", text);
        Assert.Equal(time, AnnotationTime.Parse(text));
        Assert.Null(AnnotationTime.Parse("soon"));
    }
}

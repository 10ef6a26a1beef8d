using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Tests.Kubernetes.Support;

namespace CertFunctions.Core.Tests.Kubernetes.Secrets;

public sealed class CertificateChainTests
{
    [Fact]
    public void Chain_is_parsed_leaf_first_with_names_and_serial()
    {
        var (chainPem, _, serial) = TestCertificates.Issue(["www.example.com", "api.example.com"]);

        var chain = CertificateChain.Parse("junk before\n" + chainPem);

        Assert.Equal(2, chain.Count);
        Assert.Equal(["www.example.com", "api.example.com"], CertificateChain.DnsNames(chain[0]));
        Assert.Equal(serial, CertificateChain.Serial(chain[0]));
        Assert.Equal(2, CertificateChain.Parse(CertificateChain.ToPem(chain)).Count);
    }

    [Fact]
    public void No_certificate_is_a_clear_error()
    {
        var ex = Assert.Throws<InvalidCertificateMaterialException>(() => CertificateChain.Parse("nothing here"));

        Assert.Contains("no PEM certificate", ex.Message);
    }

    [Fact]
    public void Annotation_times_round_trip()
    {
        var time = new DateTimeOffset(2026, 11, 27, 21, 0, 5, TimeSpan.FromHours(1));

        var text = CertificateChain.FormatTime(time);

        Assert.Equal("2026-11-27T20:00:05Z", text);
        Assert.Equal(time, CertificateChain.ParseTime(text));
        Assert.Null(CertificateChain.ParseTime("soon"));
    }
}

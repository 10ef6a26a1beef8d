using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Tests.Kubernetes.Secrets;

public sealed class SecretOwnershipTests
{
    private static readonly CertificateRef Shop = new("c", "apps", "shop");

    [Fact]
    public void A_secret_written_for_another_opted_in_ingress_belongs_to_it()
    {
        Assert.Equal("web", SecretOwnership.OtherOwner(Shop, Deployed(managed: true, owner: "web"), _ => true));
    }

    [Theory]
    [InlineData(true, "shop", true)] // ours, for this Ingress
    [InlineData(true, "web", false)] // its owner no longer opts in (or is gone): this Ingress takes it over
    [InlineData(false, "web", true)] // not ours at all: the adopt-secret rule decides
    [InlineData(true, null, true)] // ours from before owners were labelled
    public void Otherwise_this_ingress_may_write_it(bool managed, string? owner, bool ownerOptsIn)
    {
        Assert.Null(SecretOwnership.OtherOwner(Shop, Deployed(managed, owner), _ => ownerOptsIn));
        Assert.Null(SecretOwnership.OtherOwner(Shop, null, _ => true));
    }

    private static DeployedCertificate Deployed(bool managed, string? owner) =>
        new("apps", "shared-tls", ["web.example.com"], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(89), "CN=Test CA", "0a", managed, null, null, null, owner);
}

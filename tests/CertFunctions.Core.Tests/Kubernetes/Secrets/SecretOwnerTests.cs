using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Tests.Kubernetes.Secrets;

public sealed class SecretOwnerTests
{
    [Fact]
    public void The_owner_annotation_round_trips_for_both_kinds_and_names_the_object()
    {
        var gateway = SecretOwner.Of(CertificateRef.ForGateway("default", "shop", "web").ForSecret("certs", "shop-tls"));
        var ingress = SecretOwner.Of(new CertificateRef("default", "shop", "web"));

        Assert.Equal("Gateway/shop/web", gateway.Format());
        Assert.Equal("Ingress/shop/web", ingress.Format());
        Assert.True(SecretOwner.TryParse(gateway.Format(), out var parsed));
        Assert.Equal(gateway, parsed);
        Assert.Equal("Gateway shop/web", gateway.ToString());
        Assert.NotEqual(gateway, ingress);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Gateway/shop")]
    [InlineData("Service/shop/web")]
    [InlineData("Gateway/Shop/web")]
    [InlineData("Gateway/shop/web/extra")]
    [InlineData("7/shop/web")]
    public void Anything_but_kind_namespace_and_name_is_no_owner(string? text) =>
        Assert.False(SecretOwner.TryParse(text, out _));

    [Fact]
    public void The_annotation_wins_over_labels_and_labels_name_an_owner_in_the_secrets_namespace_for_older_secrets()
    {
        var labels = new Dictionary<string, string> { ["certfunctions.io/ingress"] = "web" };

        Assert.Equal(
            new SecretOwner(CertificateObjectKind.Gateway, "edge", "public"),
            SecretOwner.Recorded("certs", labels, new Dictionary<string, string> { [SecretOwner.Annotation] = "Gateway/edge/public" }));
        Assert.Equal(new SecretOwner(CertificateObjectKind.Ingress, "certs", "web"), SecretOwner.Recorded("certs", labels, null));
        Assert.Equal(
            new SecretOwner(CertificateObjectKind.Gateway, "certs", "web"),
            SecretOwner.Recorded("certs", new Dictionary<string, string> { ["certfunctions.io/gateway"] = "web" }, null));
        Assert.Null(SecretOwner.Recorded("certs", null, null));
    }

    [Fact]
    public void Every_secret_of_a_gateway_is_the_gateways_own_but_not_an_ingress_of_the_same_name()
    {
        var owner = new SecretOwner(CertificateObjectKind.Gateway, "shop", "web");

        Assert.True(owner.Is(CertificateRef.ForGateway("default", "shop", "web").ForSecret("shop", "a-tls")));
        Assert.True(owner.Is(CertificateRef.ForGateway("default", "shop", "web")));
        Assert.False(owner.Is(new CertificateRef("default", "shop", "web")));
        Assert.False(owner.Is(CertificateRef.ForGateway("default", "other", "web")));
    }
}

using System.Text.Json;
using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Tests.Certificates;

public sealed class CertificateRefTests
{
    [Fact]
    public void An_ingress_keeps_the_instance_id_it_had_before_gateways_existed()
    {
        // The id running and stored orchestrations were started under (CertificateRef as of commit 8640355).
        Assert.Equal("cert_prod_shop_web_63bb647e", new CertificateRef("prod", "shop", "web").InstanceId);
    }

    [Fact]
    public void A_gateway_and_an_ingress_of_the_same_name_get_different_runs()
    {
        var ingress = new CertificateRef("prod", "shop", "web");
        var gateway = CertificateRef.ForGateway("prod", "shop", "web");

        Assert.NotEqual(ingress, gateway);
        Assert.NotEqual(ingress.InstanceId, gateway.InstanceId);
        Assert.StartsWith("gw_prod_shop_web_", gateway.InstanceId, StringComparison.Ordinal);
        Assert.Equal("prod/shop/gateway/web", gateway.ToString());
        Assert.Equal("prod/shop/web", ingress.ToString());
    }

    [Fact]
    public void A_reference_recorded_without_a_kind_reads_back_as_an_ingress()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var recorded = JsonSerializer.Deserialize<CertificateRef>("""{"cluster":"prod","namespace":"shop","ingress":"web"}""", options)!;
        var gateway = JsonSerializer.Deserialize<CertificateRef>(JsonSerializer.Serialize(CertificateRef.ForGateway("prod", "shop", "web"), options), options)!;

        Assert.Equal(CertificateObjectKind.Ingress, recorded.Kind);
        Assert.Equal(new CertificateRef("prod", "shop", "web").InstanceId, recorded.InstanceId);
        Assert.Equal(CertificateObjectKind.Gateway, gateway.Kind);
        Assert.Equal("web", gateway.Name);
    }
}

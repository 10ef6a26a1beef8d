using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

namespace CertFunctions.Core.Tests.Kubernetes.Routing.HttpRoutes;

public sealed class HttpRouteParentsTests
{
    private static readonly CertificateRef Web = CertificateRef.ForGateway("prod", "shop", "web");

    [Fact]
    public void Each_host_attaches_to_the_most_specific_http_listener_on_port_80()
    {
        GatewayListener[] listeners =
        [
            Listener("any", "HTTP", 80, null),
            Listener("wild", "HTTP", 80, "*.example.com"),
            Listener("www", "HTTP", 80, "www.example.com"),
            Listener("www-8080", "HTTP", 8080, "www.example.com"),
            Listener("www-https", "HTTPS", 443, "www.example.com"),
        ];

        Assert.Equal(["www"], HttpRouteParents.Choose(Web, listeners, ["www.example.com"]));
        Assert.Equal(["wild", "www"], HttpRouteParents.Choose(Web, listeners, ["www.example.com", "api.example.com"]));
        Assert.Equal(["any"], HttpRouteParents.Choose(Web, listeners, ["example.com"]));
    }

    [Fact]
    public void A_host_no_http_listener_on_port_80_accepts_fails_before_the_ca_is_asked()
    {
        GatewayListener[] listeners = [Listener("alt", "HTTP", 8080, null), Listener("www", "HTTP", 80, "www.example.com"), Listener("tls", "HTTPS", 443, "api.example.com")];

        var error = Assert.Throws<InvalidGatewayConfigurationException>(() => HttpRouteParents.Choose(Web, listeners, ["www.example.com", "api.example.com"]));

        Assert.Contains("'shop/web'", error.Message, StringComparison.Ordinal);
        Assert.Contains("port 80 for api.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("the CA was not asked", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData("*.example.com", "www.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("www.example.com", "WWW.example.com", true)]
    [InlineData("www.example.com", "api.example.com", false)]
    public void Listener_hostnames_match_as_the_gateway_api_defines(string listener, string host, bool expected) =>
        Assert.Equal(expected, HttpRouteParents.Accepts(listener, host));

    private static GatewayListener Listener(string name, string protocol, int port, string? hostname) => new(name, port, protocol, hostname, null, []);
}

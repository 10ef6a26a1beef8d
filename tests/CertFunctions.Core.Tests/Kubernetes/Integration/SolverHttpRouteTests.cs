using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using k8s;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class SolverHttpRouteTests(KubeApiEmulatorFixture emulator)
{
    private static readonly Dictionary<string, string?> LocalRedirect = new()
    {
        ["Challenge:ResponderUrl"] = "http://responder.test:7071",
        ["Challenge:AllowAnyRedirectTarget"] = "true",
    };

    [Fact]
    public async Task A_redirect_route_is_accepted_and_the_gateway_sends_only_the_token_path_to_the_responder_until_it_is_removed()
    {
        var (ns, client) = await GatewayAsync("gwredirect", GatewayObjects.EmulatorController, GatewayObjects.Http("http"), GatewayObjects.Https("www", null, "www-tls"));
        using var _ = client;
        var host = $"www.{ns}.example.com";
        using var services = KubernetesTestHost.Create(emulator, LocalRedirect);
        var routing = services.Get<SolverHttpRouteRouting>();
        var gateway = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web");
        var listeners = (await services.Get<GatewayCertificatesReader>().ReadAsync(gateway, CancellationToken.None)).Listeners;

        var presented = await routing.PresentAsync(gateway, listeners, [host], ["tokA"], GatewayRouting.Redirect, CancellationToken.None);
        var again = await routing.PresentAsync(gateway, listeners, [host], ["tokA"], GatewayRouting.Redirect, CancellationToken.None);
        await routing.WaitUntilAcceptedAsync(again, CancellationToken.None);
        using var token = await FrontAsync(host, "/.well-known/acme-challenge/tokA");
        using var other = await FrontAsync(host, "/.well-known/acme-challenge/other");

        Assert.Equal(presented.Uid, again.Uid);
        Assert.Equal(["http"], presented.Sections);
        Assert.Equal(HttpStatusCode.Found, token.StatusCode);
        Assert.Equal(new Uri("http://responder.test:7071/.well-known/acme-challenge/tokA"), token.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        Assert.True(await routing.RemoveAsync(again, CancellationToken.None));
        Assert.False(await routing.RemoveAsync(again, CancellationToken.None));
        using var after = await FrontAsync(host, "/.well-known/acme-challenge/tokA");

        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Empty(await RoutesAsync(client, ns));
    }

    [Fact]
    public async Task A_route_the_controller_refuses_fails_with_the_reason_it_gave_and_leftovers_are_removed_by_label()
    {
        var refusing = GatewayObjects.Http("http");
        refusing["allowedRoutes"] = JsonNode.Parse("""{"namespaces":{"from":"Selector","selector":{"matchLabels":{"no-such":"label"}}}}""");
        var (ns, client) = await GatewayAsync("gwrefused", GatewayObjects.EmulatorController, refusing);
        using var _ = client;
        using var services = KubernetesTestHost.Create(emulator, LocalRedirect);
        var routing = services.Get<SolverHttpRouteRouting>();
        var gateway = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web");
        var listeners = (await services.Get<GatewayCertificatesReader>().ReadAsync(gateway, CancellationToken.None)).Listeners;

        var presented = await routing.PresentAsync(gateway, listeners, [$"www.{ns}.example.com"], ["tokA"], GatewayRouting.Redirect, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RouteNotAcceptedException>(() => routing.WaitUntilAcceptedAsync(presented, CancellationToken.None));

        Assert.Equal("NotAllowedByListeners", error.Reason);
        Assert.Contains("NotAllowedByListeners", error.Message, StringComparison.Ordinal);
        Assert.Contains("The CA was not asked", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await routing.RemoveAllAsync(gateway, CancellationToken.None));
        Assert.Empty(await RoutesAsync(client, ns));
    }

    [Fact]
    public async Task A_gateway_no_controller_serves_fails_after_the_accept_timeout_naming_the_setting()
    {
        var (ns, client) = await GatewayAsync("gwnobody", "example.com/nobody", GatewayObjects.Http("http"));
        using var _ = client;
        using var services = KubernetesTestHost.Create(emulator, new Dictionary<string, string?>(LocalRedirect) { ["Challenge:RouteAcceptTimeout"] = "00:00:01" });
        var routing = services.Get<SolverHttpRouteRouting>();
        var gateway = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web");
        var listeners = (await services.Get<GatewayCertificatesReader>().ReadAsync(gateway, CancellationToken.None)).Listeners;

        var presented = await routing.PresentAsync(gateway, listeners, [$"www.{ns}.example.com"], ["tokA"], GatewayRouting.Redirect, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RouteNotAcceptedException>(() => routing.WaitUntilAcceptedAsync(presented, CancellationToken.None));

        Assert.Contains("did not report", error.Message, StringComparison.Ordinal);
        Assert.Contains("Challenge:RouteAcceptTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(await routing.RemoveAsync(presented, CancellationToken.None));
    }

    [Fact]
    public async Task A_gateway_without_an_http_listener_on_port_80_fails_before_any_route_is_written()
    {
        var (ns, client) = await GatewayAsync("gwnohttp", GatewayObjects.EmulatorController, GatewayObjects.Http("alt", port: 8080), GatewayObjects.Https("www", null, "www-tls"));
        using var _ = client;
        using var services = KubernetesTestHost.Create(emulator, LocalRedirect);
        var gateway = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web");
        var listeners = (await services.Get<GatewayCertificatesReader>().ReadAsync(gateway, CancellationToken.None)).Listeners;

        var error = await Assert.ThrowsAsync<InvalidGatewayConfigurationException>(() =>
            services.Get<SolverHttpRouteRouting>().PresentAsync(gateway, listeners, [$"www.{ns}.example.com"], ["tokA"], GatewayRouting.Redirect, CancellationToken.None));

        Assert.Contains("no HTTP listener on port 80", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RoutesAsync(client, ns));
    }

    [Fact]
    public async Task An_https_responder_is_reached_on_443_and_a_target_lets_encrypt_would_not_follow_is_refused_at_start_up()
    {
        var (ns, client) = await GatewayAsync("gwbadtarget", GatewayObjects.EmulatorController, GatewayObjects.Http("http"));
        using var _ = client;
        using var services = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Challenge:ResponderUrl"] = "https://myapp.azurewebsites.net" });
        var gateway = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web");
        var listeners = (await services.Get<GatewayCertificatesReader>().ReadAsync(gateway, CancellationToken.None)).Listeners;
        var routing = services.Get<SolverHttpRouteRouting>();

        var presented = await routing.PresentAsync(gateway, listeners, [$"www.{ns}.example.com"], ["tokA"], GatewayRouting.Redirect, CancellationToken.None);
        await routing.WaitUntilAcceptedAsync(presented, CancellationToken.None);
        using var token = await FrontAsync($"www.{ns}.example.com", "/.well-known/acme-challenge/tokA");
        await routing.RemoveAsync(presented, CancellationToken.None);

        Assert.Equal(new Uri("https://myapp.azurewebsites.net/.well-known/acme-challenge/tokA"), token.Headers.Location);
        using var local = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Challenge:ResponderUrl"] = "http://127.0.0.1:7071" });
        var invalid = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => local.Get<Microsoft.Extensions.Options.IOptions<GatewayRoutingOptions>>().Value);
        Assert.Contains("Challenge:ResponderUrl", invalid.Message, StringComparison.Ordinal);
        Assert.Empty(await RoutesAsync(client, ns));
    }

    private async Task<(string Namespace, IKubernetes Client)> GatewayAsync(string prefix, string controller, params JsonObject[] listeners)
    {
        var ns = await emulator.CreateNamespaceAsync(prefix);
        var client = emulator.CreateKubernetesClient();
        await GatewayObjects.ApplyAsync(client, ns, controller, listeners);
        return (ns, client);
    }

    private static async Task<JsonArray> RoutesAsync(IKubernetes client, string ns) =>
        GatewayCertificatesReader.ToObject(await client.CustomObjects.ListNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.HttpRoutes))["items"] as JsonArray ?? [];

    private async Task<HttpResponseMessage> FrontAsync(string host, string path)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.FrontUri, path));
        request.Headers.Host = host;
        return await http.SendAsync(request);
    }
}

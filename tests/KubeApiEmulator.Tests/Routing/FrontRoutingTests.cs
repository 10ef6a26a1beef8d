using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Routing;

/// <summary>Real HTTP requests through the routing front, routed by the current Ingress objects.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class FrontRoutingTests(KubeApiEmulatorFixture emulator) : IAsyncLifetime
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private EchoUpstream _alpha = null!;
    private EchoUpstream _beta = null!;

    public async Task InitializeAsync()
    {
        _alpha = await EchoUpstream.StartAsync("alpha");
        _beta = await EchoUpstream.StartAsync("beta");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _alpha.DisposeAsync();
        await _beta.DisposeAsync();
    }

    [Fact]
    public async Task ExternalName_service_on_loopback_receives_the_request_with_the_original_host()
    {
        var ns = await emulator.CreateNamespaceAsync("extname");
        await ApplyAsync(Manifests.ExternalNameService(ns, "alpha", "127.0.0.1", _alpha.Port));
        await ApplyAsync(Manifests.Ingress(ns, "web", "ext.routing.test", service: "alpha", port: _alpha.Port));

        var (status, body) = await GetAsync("ext.routing.test", "/hello?x=1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alpha", (string?)body!["upstream"]);
        Assert.Equal("/hello", (string?)body["path"]);
        Assert.Equal("?x=1", (string?)body["query"]);
        Assert.StartsWith("ext.routing.test", (string?)body["host"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExternalName_localhost_with_a_named_port_resolves_through_the_service_ports()
    {
        var ns = await emulator.CreateNamespaceAsync("named");
        await ApplyAsync(Manifests.ExternalNameService(ns, "alpha", "localhost", _alpha.Port));
        await ApplyAsync(Manifests.Ingress(ns, "web", "named.routing.test", service: "alpha", port: _alpha.Port)
            .Replace($"number: {_alpha.Port}", "name: http", StringComparison.Ordinal));

        var (status, body) = await GetAsync("named.routing.test", "/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alpha", (string?)body!["upstream"]);
    }

    [Fact]
    public async Task Prefix_matches_whole_path_elements_only()
    {
        var ns = await RouteToAlphaAsync("prefix.routing.test", "/foo", "Prefix");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("prefix.routing.test", "/foo")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("prefix.routing.test", "/foo/bar")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("prefix.routing.test", "/foobar")).Status);
        Assert.NotEmpty(ns);
    }

    [Fact]
    public async Task Exact_matches_only_the_same_path()
    {
        await RouteToAlphaAsync("exact.routing.test", "/.well-known/acme-challenge/token-1", "Exact");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("exact.routing.test", "/.well-known/acme-challenge/token-1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("exact.routing.test", "/.well-known/acme-challenge/token-12")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("exact.routing.test", "/.well-known/acme-challenge/token-1/x")).Status);
    }

    [Fact]
    public async Task ImplementationSpecific_matches_as_a_plain_prefix()
    {
        await RouteToAlphaAsync("impl.routing.test", "/.well-known/acme-challenge/abc", "ImplementationSpecific");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("impl.routing.test", "/.well-known/acme-challenge/abc")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("impl.routing.test", "/.well-known/acme-challenge/abcdef")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("impl.routing.test", "/.well-known/acme-challenge/ab")).Status);
    }

    [Fact]
    public async Task Longest_path_wins_and_exact_beats_prefix()
    {
        var ns = await emulator.CreateNamespaceAsync("longest");
        await ApplyAsync(Manifests.ExternalNameService(ns, "alpha", "127.0.0.1", _alpha.Port));
        await ApplyAsync(Manifests.ExternalNameService(ns, "beta", "127.0.0.1", _beta.Port));
        await ApplyAsync(Manifests.Ingress(ns, "root", "longest.routing.test", "/", "Prefix", "alpha", _alpha.Port));
        await ApplyAsync(Manifests.Ingress(ns, "challenge", "longest.routing.test", "/.well-known/acme-challenge/t", "Exact", "beta", _beta.Port));

        Assert.Equal("alpha", (string?)(await GetAsync("longest.routing.test", "/anything")).Body!["upstream"]);
        Assert.Equal("beta", (string?)(await GetAsync("longest.routing.test", "/.well-known/acme-challenge/t")).Body!["upstream"]);
    }

    [Fact]
    public async Task Wildcard_host_matches_one_label_and_an_exact_host_wins()
    {
        var ns = await emulator.CreateNamespaceAsync("wildcard");
        await ApplyAsync(Manifests.ExternalNameService(ns, "alpha", "127.0.0.1", _alpha.Port));
        await ApplyAsync(Manifests.ExternalNameService(ns, "beta", "127.0.0.1", _beta.Port));
        await ApplyAsync(Manifests.Ingress(ns, "wild", "\"*.wild.routing.test\"", "/", "Prefix", "alpha", _alpha.Port));
        await ApplyAsync(Manifests.Ingress(ns, "exact", "www.wild.routing.test", "/", "Prefix", "beta", _beta.Port));

        Assert.Equal("alpha", (string?)(await GetAsync("a.wild.routing.test", "/")).Body!["upstream"]);
        Assert.Equal("beta", (string?)(await GetAsync("www.wild.routing.test", "/")).Body!["upstream"]);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("a.b.wild.routing.test", "/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("wild.routing.test", "/")).Status);
    }

    [Fact]
    public async Task Upstream_vhost_annotation_sets_the_host_header_sent_upstream()
    {
        var ns = await emulator.CreateNamespaceAsync("vhost");
        await ApplyAsync(Manifests.ExternalNameService(ns, "alpha", "127.0.0.1", _alpha.Port));
        var manifest = Manifests.Ingress(ns, "web", "vhost.routing.test", service: "alpha", port: _alpha.Port)
            .Replace("  labels:\n", "  annotations:\n    nginx.ingress.kubernetes.io/upstream-vhost: app.azurewebsites.net\n  labels:\n", StringComparison.Ordinal);
        await ApplyAsync(manifest);

        var (status, body) = await GetAsync("vhost.routing.test", "/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("app.azurewebsites.net", (string?)body!["host"]);
        Assert.Equal("vhost.routing.test", (string?)body["forwardedHost"]);
    }

    [Fact]
    public async Task Backend_protocol_https_and_agic_backend_hostname_reach_an_https_upstream_with_that_host()
    {
        await using var secure = await EchoUpstream.StartAsync("secure", https: true);
        var ns = await emulator.CreateNamespaceAsync("https");
        await ApplyAsync(Manifests.ExternalNameService(ns, "secure", "localhost", secure.Port));
        var manifest = Manifests.Ingress(ns, "web", "https.routing.test", service: "secure", port: secure.Port)
            .Replace("  labels:\n", "  annotations:\n    nginx.ingress.kubernetes.io/backend-protocol: HTTPS\n    appgw.ingress.kubernetes.io/backend-hostname: app.azurewebsites.net\n  labels:\n", StringComparison.Ordinal);
        await ApplyAsync(manifest);

        var (status, body) = await GetAsync("https.routing.test", "/.well-known/acme-challenge/x");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("secure", (string?)body!["upstream"]);
        Assert.Equal("app.azurewebsites.net", (string?)body["host"]);
        Assert.Equal("/.well-known/acme-challenge/x", (string?)body["path"]);
    }

    [Fact]
    public async Task ClusterIP_service_routes_to_the_upstream_set_at_runtime()
    {
        var ns = await emulator.CreateNamespaceAsync("clusterip");
        await ApplyAsync(Manifests.ClusterIpService(ns, "responder"));
        await ApplyAsync(Manifests.Ingress(ns, "web", "cip.routing.test", service: "responder", port: 80));

        var before = await GetAsync("cip.routing.test", "/");
        await emulator.SetUpstreamAsync(ns, "responder", _beta.Url);
        var after = await GetAsync("cip.routing.test", "/x");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("beta", (string?)after.Body!["upstream"]);
    }

    [Fact]
    public async Task Unknown_host_gets_the_default_backend_404()
    {
        var (status, _) = await GetAsync("nobody.routing.test", "/");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Redirects_from_the_upstream_are_passed_through()
    {
        await RouteToAlphaAsync("redirect.routing.test", "/", "Prefix");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.FrontUri, "/redirect"));
        request.Headers.Host = "redirect.routing.test";
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://elsewhere.example/target", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Routing_follows_the_current_ingress_objects()
    {
        var ns = await RouteToAlphaAsync("follow.routing.test", "/a", "Prefix");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("follow.routing.test", "/a")).Status);

        var patch = await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=json", "-p",
            """[{"op":"replace","path":"/spec/rules/0/http/paths/0/path","value":"/b"}]""");

        Assert.True(patch.Succeeded, patch.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("follow.routing.test", "/a")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("follow.routing.test", "/b")).Status);
    }

    private async Task<string> RouteToAlphaAsync(string host, string path, string pathType)
    {
        var ns = await emulator.CreateNamespaceAsync("route");
        await ApplyAsync(Manifests.ExternalNameService(ns, "alpha", "127.0.0.1", _alpha.Port));
        await ApplyAsync(Manifests.Ingress(ns, "web", host, path, pathType, "alpha", _alpha.Port));
        return ns;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string host, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.FrontUri, pathAndQuery));
        request.Headers.Host = host;
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(text) : null);
    }

    private async Task ApplyAsync(string manifest)
    {
        var result = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");
        Assert.True(result.Succeeded, result.ToString());
    }
}

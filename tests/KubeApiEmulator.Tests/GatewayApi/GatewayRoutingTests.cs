using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Network;
using KubeApiEmulator.Tests.Support;
using static KubeApiEmulator.Tests.Support.GatewayManifests;

namespace KubeApiEmulator.Tests.GatewayApi;

/// <summary>Real HTTP through Gateway listeners to real upstreams, routed by HTTPRoutes as the Gateway API specifies.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayRoutingTests(KubeApiEmulatorFixture emulator) : IAsyncLifetime
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private readonly GatewayWorld _world = new(emulator);
    private EchoUpstream _alpha = null!;
    private EchoUpstream _beta = null!;
    private string _lastClass = string.Empty;

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
    public async Task An_exact_path_on_a_listener_port_reaches_the_backend_service()
    {
        var (ns, port) = await GatewayAsync("exact", HttpListenerOn);
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(HttpRoute(ns, "solver", Parent("edge"), Rule("Exact", "/.well-known/acme-challenge/token-1", "alpha")));
        await _world.RouteWhenAcceptedIsAsync(ns, "solver", "True");

        var hit = await GetAsync(port, "exact.gateway.test", "/.well-known/acme-challenge/token-1?x=1");
        var longer = await GetAsync(port, "exact.gateway.test", "/.well-known/acme-challenge/token-12");

        Assert.Equal(HttpStatusCode.OK, hit.Status);
        Assert.Equal("alpha", (string?)hit.Body!["upstream"]);
        Assert.Equal("/.well-known/acme-challenge/token-1", (string?)hit.Body["path"]);
        Assert.Equal("?x=1", (string?)hit.Body["query"]);
        Assert.StartsWith("exact.gateway.test", (string?)hit.Body["host"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, longer.Status);
    }

    [Fact]
    public async Task An_exact_listener_hostname_wins_over_a_wildcard_one()
    {
        var port = FreePort.Next();
        var (ns, _) = await GatewayAsync("listenerhost", _ => HttpListener("wild", port, "*.listener.test") + HttpListener("exact", port, "a.listener.test"), port);
        await BackendAsync(ns, "alpha", _alpha);
        await BackendAsync(ns, "beta", _beta);
        await _world.ApplyAsync(HttpRoute(ns, "wild", Parent("edge", sectionName: "wild"), Rule("PathPrefix", "/", "alpha")));
        await _world.ApplyAsync(HttpRoute(ns, "exact", Parent("edge", sectionName: "exact"), Rule("PathPrefix", "/", "beta")));
        await _world.RouteWhenAcceptedIsAsync(ns, "exact", "True");
        await _world.RouteWhenAcceptedIsAsync(ns, "wild", "True");

        Assert.Equal("beta", await UpstreamAsync(port, "a.listener.test", "/"));
        Assert.Equal("alpha", await UpstreamAsync(port, "b.listener.test", "/"));
        Assert.Equal("alpha", await UpstreamAsync(port, "deep.b.listener.test", "/"));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(port, "listener.test", "/")).Status);
    }

    [Fact]
    public async Task An_exact_route_hostname_wins_over_a_wildcard_route_hostname()
    {
        var (ns, port) = await GatewayAsync("routehost", HttpListenerOn);
        await BackendAsync(ns, "alpha", _alpha);
        await BackendAsync(ns, "beta", _beta);

        // The wildcard route is older and first by name, so only hostname precedence can pick the exact one.
        await _world.ApplyAsync(HttpRoute(ns, "aa-wild", Parent("edge"), Rule("PathPrefix", "/", "alpha"), "*.routehost.test"));
        await _world.ApplyAsync(HttpRoute(ns, "zz-exact", Parent("edge"), Rule("PathPrefix", "/", "beta"), "x.routehost.test"));
        await _world.RouteWhenAcceptedIsAsync(ns, "zz-exact", "True");
        await _world.RouteWhenAcceptedIsAsync(ns, "aa-wild", "True");

        Assert.Equal("beta", await UpstreamAsync(port, "x.routehost.test", "/"));
        Assert.Equal("alpha", await UpstreamAsync(port, "y.routehost.test", "/"));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(port, "other.test", "/")).Status);
    }

    [Fact]
    public async Task Exact_beats_prefix_and_the_longest_prefix_wins_by_whole_path_elements()
    {
        var (ns, port) = await GatewayAsync("precedence", HttpListenerOn);
        await BackendAsync(ns, "alpha", _alpha);
        await BackendAsync(ns, "beta", _beta);
        var rules = Rule("PathPrefix", "/", "alpha") + Rule("PathPrefix", "/api", "beta") + Rule("Exact", "/api/exact", "alpha");
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), rules));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");

        Assert.Equal("alpha", await UpstreamAsync(port, "p.test", "/api/exact"));
        Assert.Equal("beta", await UpstreamAsync(port, "p.test", "/api/other"));
        Assert.Equal("beta", await UpstreamAsync(port, "p.test", "/api"));
        Assert.Equal("alpha", await UpstreamAsync(port, "p.test", "/apix"));
    }

    [Fact]
    public async Task More_header_matches_win_then_the_oldest_route()
    {
        var (ns, port) = await GatewayAsync("headers", HttpListenerOn);
        await BackendAsync(ns, "alpha", _alpha);
        await BackendAsync(ns, "beta", _beta);
        await _world.ApplyAsync(HttpRoute(ns, "zz-old", Parent("edge"), Rule("PathPrefix", "/h", "alpha")));

        // Creation timestamps have one-second resolution; the newer route must be visibly newer to test "oldest wins".
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        await _world.ApplyAsync(HttpRoute(ns, "aa-new", Parent("edge"), Rule("PathPrefix", "/h", "beta")));
        await _world.ApplyAsync(HttpRoute(ns, "canary", Parent("edge"), Rule("PathPrefix", "/h", "beta", extra: "    headers:\n    - name: X-Canary\n      value: \"yes\"\n")));
        await _world.RouteWhenAcceptedIsAsync(ns, "canary", "True");

        Assert.Equal("beta", await UpstreamAsync(port, "h.test", "/h", ("X-Canary", "yes")));
        Assert.Equal("alpha", await UpstreamAsync(port, "h.test", "/h", ("X-Canary", "no")));
        Assert.Equal("alpha", await UpstreamAsync(port, "h.test", "/h"));
    }

    [Fact]
    public async Task A_route_from_another_namespace_is_routed_only_once_the_listener_allows_it()
    {
        var port = FreePort.Next();
        var (gatewayNs, _) = await GatewayAsync("allowed", _ => HttpListener("http", port), port);
        var routeNs = await emulator.CreateNamespaceAsync("gwallowedroute");
        await BackendAsync(routeNs, "alpha", _alpha);
        await _world.ApplyAsync(HttpRoute(routeNs, "web", Parent("edge", gatewayNs), Rule("PathPrefix", "/", "alpha")));
        await _world.RouteWhenAcceptedIsAsync(routeNs, "web", "False", "NotAllowedByListeners");

        var refused = await GetAsync(port, "allowed.test", "/");
        await _world.ApplyAsync(Gateway(gatewayNs, "edge", _lastClass, HttpListener("http", port, allowedFrom: "All")));
        await _world.RouteWhenAcceptedIsAsync(routeNs, "web", "True");

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("alpha", await UpstreamAsync(port, "allowed.test", "/"));
    }

    [Fact]
    public async Task SectionName_and_port_bind_a_route_to_the_listeners_they_name()
    {
        var first = FreePort.Next();
        var second = FreePort.Next();
        var (ns, _) = await GatewayAsync("section", _ => HttpListener("first", first) + HttpListener("second", second), first);
        await _world.WaitAsync(ns, "gateway/edge");
        await BackendAsync(ns, "alpha", _alpha);
        await BackendAsync(ns, "beta", _beta);
        await _world.ApplyAsync(HttpRoute(ns, "by-name", Parent("edge", sectionName: "first"), Rule("PathPrefix", "/named", "alpha")));
        await _world.ApplyAsync(HttpRoute(ns, "by-port", Parent("edge", port: second), Rule("PathPrefix", "/ported", "beta")));
        await _world.RouteWhenAcceptedIsAsync(ns, "by-name", "True");
        await _world.RouteWhenAcceptedIsAsync(ns, "by-port", "True");

        Assert.Equal("alpha", await UpstreamAsync(first, "s.test", "/named"));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(second, "s.test", "/named")).Status);
        Assert.Equal("beta", await UpstreamAsync(second, "s.test", "/ported"));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(first, "s.test", "/ported")).Status);
    }

    [Fact]
    public async Task A_backend_in_another_namespace_answers_500_until_a_ReferenceGrant_allows_it()
    {
        var (ns, port) = await GatewayAsync("grant", HttpListenerOn);
        var backendNs = await emulator.CreateNamespaceAsync("gwgrantbackend");
        await BackendAsync(backendNs, "alpha", _alpha);
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("PathPrefix", "/", "alpha", serviceNamespace: backendNs)));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");

        var refused = await GetAsync(port, "g.test", "/");
        await _world.ApplyAsync($"""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata:
              name: routes
              namespace: {backendNs}
            spec:
              from:
              - group: gateway.networking.k8s.io
                kind: HTTPRoute
                namespace: {ns}
              to:
              - group: ""
                kind: Service
                name: alpha
            """);

        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Equal("alpha", await UpstreamAsync(port, "g.test", "/"));
    }

    [Fact]
    public async Task RequestRedirect_builds_the_location_from_scheme_hostname_port_path_and_status()
    {
        var (ns, port) = await GatewayAsync("redirect", HttpListenerOn);
        var rules = """
            - matches:
              - path: {type: PathPrefix, value: /full}
              filters:
              - type: RequestRedirect
                requestRedirect: {scheme: https, hostname: secure.example.test, statusCode: 301, path: {type: ReplaceFullPath, replaceFullPath: /landing}}
            - matches:
              - path: {type: PathPrefix, value: /old}
              filters:
              - type: RequestRedirect
                requestRedirect: {port: 8443, path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}
            - matches:
              - path: {type: PathPrefix, value: /plain}
              filters:
              - type: RequestRedirect
                requestRedirect: {scheme: https}
            """;
        await _world.ApplyAsync(HttpRoute(ns, "redirects", Parent("edge"), rules));
        await _world.RouteWhenAcceptedIsAsync(ns, "redirects", "True");

        var full = await SendAsync(port, "r.test", "/full/x?q=1");
        var prefix = await SendAsync(port, "r.test", "/old/a/b?q=2");
        var plain = await SendAsync(port, "r.test", "/plain");

        Assert.Equal(HttpStatusCode.MovedPermanently, full.StatusCode);
        Assert.Equal("https://secure.example.test/landing?q=1", full.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, prefix.StatusCode);
        Assert.Equal("http://r.test:8443/new/a/b?q=2", prefix.Headers.Location!.OriginalString);
        Assert.Equal("https://r.test/plain", plain.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_redirect_without_a_port_keeps_the_listener_port()
    {
        var (ns, port) = await GatewayAsync("redirectport", HttpListenerOn);
        await _world.ApplyAsync(HttpRoute(ns, "redirects", Parent("edge"), """
            - filters:
              - type: RequestRedirect
                requestRedirect: {hostname: moved.example.test}
            """));
        await _world.RouteWhenAcceptedIsAsync(ns, "redirects", "True");

        var response = await SendAsync(port, "r.test", "/any");

        Assert.Equal($"http://moved.example.test:{port}/any", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task URLRewrite_changes_the_host_and_the_matched_prefix_sent_upstream()
    {
        var (ns, port) = await GatewayAsync("rewrite", HttpListenerOn);
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), $"""
            - matches:
              - path: {"{"}type: PathPrefix, value: /public{"}"}
              filters:
              - type: URLRewrite
                urlRewrite: {"{"}hostname: internal.example.test, path: {"{"}type: ReplacePrefixMatch, replacePrefixMatch: /v2{"}"}{"}"}
              backendRefs:
              - name: alpha
                port: 80
            """));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");

        var (status, body) = await GetAsync(port, "w.test", "/public/items?id=3");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/v2/items", (string?)body!["path"]);
        Assert.Equal("?id=3", (string?)body["query"]);
        Assert.Equal("internal.example.test", (string?)body["host"]);
        Assert.StartsWith("w.test", (string?)body["forwardedHost"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_change_is_routed_as_soon_as_the_api_call_returns()
    {
        var (ns, port) = await GatewayAsync("change", HttpListenerOn);
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("Exact", "/v1", "alpha")));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");

        await PatchAsync(ns, "web", """{"spec":{"rules":[{"matches":[{"path":{"type":"Exact","value":"/v2"}}],"backendRefs":[{"name":"alpha","port":80}]}]}}""");
        var moved = await GetAsync(port, "c.test", "/v2");
        var old = await GetAsync(port, "c.test", "/v1");
        using var deleted = await emulator.ApiClient.DeleteAsync(new Uri(emulator.ApiUri, $"/apis/gateway.networking.k8s.io/v1/namespaces/{ns}/httproutes/web"));
        var gone = await GetAsync(port, "c.test", "/v2");

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Equal(HttpStatusCode.NotFound, old.Status);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task The_front_port_serves_an_ingress_and_a_port_80_gateway_listener_at_once()
    {
        var ns = await emulator.CreateNamespaceAsync("gwboth");
        var className = await _world.CreateClassAsync("both");
        await _world.ApplyAsync(Manifests.ExternalNameService(ns, "alpha", "127.0.0.1", _alpha.Port));
        await _world.ApplyAsync(Manifests.Ingress(ns, "legacy", "ingress.both.test", service: "alpha", port: _alpha.Port));
        await BackendAsync(ns, "beta", _beta);
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", 80, "gateway.both.test")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("Exact", "/.well-known/acme-challenge/t", "beta")));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");

        var ingress = await GetAsync(emulator.FrontUri.Port, "ingress.both.test", "/anything");
        var gateway = await GetAsync(emulator.FrontUri.Port, "gateway.both.test", "/.well-known/acme-challenge/t");
        var neither = await GetAsync(emulator.FrontUri.Port, "gateway.both.test", "/other");

        Assert.Equal("alpha", (string?)ingress.Body!["upstream"]);
        Assert.Equal("beta", (string?)gateway.Body!["upstream"]);
        Assert.Equal(HttpStatusCode.NotFound, neither.Status);
    }

    private static string HttpListenerOn(int port) => HttpListener("http", port);

    private async Task<(string Namespace, int Port)> GatewayAsync(string prefix, Func<int, string> listeners, int? port = null)
    {
        var ns = await emulator.CreateNamespaceAsync("gw" + prefix);
        _lastClass = await _world.CreateClassAsync(prefix);
        var listenerPort = port ?? FreePort.Next();
        await _world.ApplyAsync(Gateway(ns, "edge", _lastClass, listeners(listenerPort)));
        await _world.WaitAsync(ns, "gateway/edge");
        return (ns, listenerPort);
    }

    private async Task BackendAsync(string ns, string name, EchoUpstream upstream)
    {
        await _world.ApplyAsync(Manifests.ClusterIpService(ns, name));
        await emulator.SetUpstreamAsync(ns, name, upstream.Url);
    }

    private async Task PatchAsync(string ns, string name, string patch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(emulator.ApiUri, $"/apis/gateway.networking.k8s.io/v1/namespaces/{ns}/httproutes/{name}"))
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        using var response = await emulator.ApiClient.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string?> UpstreamAsync(int port, string host, string path, params (string Name, string Value)[] headers)
    {
        var (status, body) = await GetAsync(port, host, path, headers);
        Assert.Equal(HttpStatusCode.OK, status);
        return (string?)body!["upstream"];
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(int port, string host, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        using var response = await SendAsync(port, host, pathAndQuery, headers);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(text) : null);
    }

    private async Task<HttpResponseMessage> SendAsync(int port, string host, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}{pathAndQuery}"));
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _http.SendAsync(request);
    }
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Network;
using KubeApiEmulator.Tests.Support;
using static KubeApiEmulator.Tests.Support.GatewayManifests;

namespace KubeApiEmulator.Tests.GatewayApi;

/// <summary>
/// HTTPS listeners terminate TLS with the certificate of their Secret, chosen by SNI, and route by their HTTPRoutes:
/// real Kestrel in the emulator, real handshakes from the test.
/// </summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayTlsTests(KubeApiEmulatorFixture emulator) : IAsyncLifetime
{
    private readonly GatewayWorld _world = new(emulator);
    private readonly TestCertificateAuthority _ca = new();
    private EchoUpstream _alpha = null!;
    private EchoUpstream _beta = null!;

    public async Task InitializeAsync()
    {
        _alpha = await EchoUpstream.StartAsync("alpha");
        _beta = await EchoUpstream.StartAsync("beta");
    }

    public async Task DisposeAsync()
    {
        _ca.Dispose();
        await _alpha.DisposeAsync();
        await _beta.DisposeAsync();
    }

    [Fact]
    public async Task An_https_listener_on_443_serves_its_secret_on_a_mapped_port_and_routes_to_its_backend()
    {
        var ns = await emulator.CreateNamespaceAsync("gwtls");
        var className = await _world.CreateClassAsync("tls");
        var (crt, key, serial) = _ca.Issue(["shop.tls.test"]);
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "shop-tls", crt, key));
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpsListener("https", 443, "shop.tls.test", "shop-tls")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge", sectionName: "https"), Rule("PathPrefix", "/", "alpha")));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");
        await _world.WaitAsync(ns, "gateway/edge");

        var port = await emulator.GatewayListenerPortAsync(443);
        var answer = await HttpsProbe.GetAsync(port, "shop.tls.test", "/cart?x=1");
        var listener = await ListenerAsync(ns, "https");

        Assert.NotEqual(443, port);
        Assert.Equal(serial, answer.Leaf.SerialNumber.ToLowerInvariant());
        Assert.Contains(answer.Intermediates.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>(), c => c.Thumbprint == _ca.Intermediate.Thumbprint);
        Assert.True(answer.ChainsTo(_ca.Root), "the served chain must verify to the test root with the intermediate tls.crt carries");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var body = JsonNode.Parse(answer.Body)!;
        Assert.Equal(("alpha", "/cart", "?x=1"), ((string?)body["upstream"], (string?)body["path"], (string?)body["query"]));
        Assert.Equal("True", (string?)GatewayWorld.Condition(listener, "ResolvedRefs")["status"]);
        Assert.Equal("True", (string?)GatewayWorld.Condition(listener, "Programmed")["status"]);
    }

    [Fact]
    public async Task Sni_picks_the_exact_listener_over_the_wildcard_one_and_an_unknown_name_fails_the_handshake()
    {
        var ns = await emulator.CreateNamespaceAsync("gwsni");
        var className = await _world.CreateClassAsync("sni");
        var listenerPort = FreePort.Next();
        var exact = _ca.Issue(["a.sni.test"]);
        var wildcard = _ca.Issue(["*.sni.test"]);
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "a-tls", exact.ChainPem, exact.KeyPem));
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "wild-tls", wildcard.ChainPem, wildcard.KeyPem));
        await BackendAsync(ns, "alpha", _alpha);
        await BackendAsync(ns, "beta", _beta);
        await _world.ApplyAsync(Gateway(ns, "edge", className,
            HttpsListener("wild", listenerPort, "*.sni.test", "wild-tls") + HttpsListener("exact", listenerPort, "a.sni.test", "a-tls")));
        await _world.ApplyAsync(HttpRoute(ns, "exact", Parent("edge", sectionName: "exact"), Rule("PathPrefix", "/", "alpha")));
        await _world.ApplyAsync(HttpRoute(ns, "wild", Parent("edge", sectionName: "wild"), Rule("PathPrefix", "/", "beta")));
        await _world.RouteWhenAcceptedIsAsync(ns, "exact", "True");
        await _world.RouteWhenAcceptedIsAsync(ns, "wild", "True");
        await _world.WaitAsync(ns, "gateway/edge");

        var port = await emulator.GatewayListenerPortAsync(listenerPort);
        var a = await HttpsProbe.GetAsync(port, "a.sni.test");
        var b = await HttpsProbe.GetAsync(port, "b.sni.test");
        var deep = await HttpsProbe.GetAsync(port, "deep.b.sni.test");
        var unknown = await Assert.ThrowsAsync<HttpRequestException>(() => HttpsProbe.GetAsync(port, "sni.test"));

        // A listener port of 1024 or more is served on itself.
        Assert.Equal(listenerPort, port);
        Assert.Equal((exact.Serial, "alpha"), (a.Leaf.SerialNumber.ToLowerInvariant(), Upstream(a)));
        Assert.Equal((wildcard.Serial, "beta"), (b.Leaf.SerialNumber.ToLowerInvariant(), Upstream(b)));
        Assert.Equal((wildcard.Serial, "beta"), (deep.Leaf.SerialNumber.ToLowerInvariant(), Upstream(deep)));
        Assert.NotNull(unknown);
        Assert.Contains("TLS handshake for server name sni.test refused", emulator.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_other_than_the_tls_server_name_is_misdirected()
    {
        var ns = await emulator.CreateNamespaceAsync("gwmis");
        var className = await _world.CreateClassAsync("mis");
        var listenerPort = FreePort.Next();
        var one = _ca.Issue(["one.mis.test"]);
        var two = _ca.Issue(["two.mis.test"]);
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "one-tls", one.ChainPem, one.KeyPem));
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "two-tls", two.ChainPem, two.KeyPem));
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(Gateway(ns, "edge", className,
            HttpsListener("one", listenerPort, "one.mis.test", "one-tls") + HttpsListener("two", listenerPort, "two.mis.test", "two-tls")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("PathPrefix", "/", "alpha")));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");
        await _world.WaitAsync(ns, "gateway/edge");

        var port = await emulator.GatewayListenerPortAsync(listenerPort);
        var status = await StatusLineAsync(port, serverName: "one.mis.test", host: "two.mis.test");

        Assert.StartsWith("HTTP/1.1 421", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replaced_secret_is_served_on_the_next_handshake()
    {
        var ns = await emulator.CreateNamespaceAsync("gwrenew");
        var className = await _world.CreateClassAsync("renew");
        var first = _ca.Issue(["renew.tls.test"]);
        var second = _ca.Issue(["renew.tls.test"]);
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "renew-tls", first.ChainPem, first.KeyPem));
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpsListener("https", 443, "renew.tls.test", "renew-tls")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("PathPrefix", "/", "alpha")));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");
        await _world.WaitAsync(ns, "gateway/edge");
        var port = await emulator.GatewayListenerPortAsync(443);

        var before = await HttpsProbe.GetAsync(port, "renew.tls.test");
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "renew-tls", second.ChainPem, second.KeyPem));
        var after = await HttpsProbe.GetAsync(port, "renew.tls.test");

        Assert.NotEqual(first.Serial, second.Serial);
        Assert.Equal(first.Serial, before.Leaf.SerialNumber.ToLowerInvariant());
        Assert.Equal(second.Serial, after.Leaf.SerialNumber.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task A_missing_wrong_type_or_unparsable_secret_fails_the_handshake_and_is_InvalidCertificateRef_until_it_is_fine()
    {
        var ns = await emulator.CreateNamespaceAsync("gwbadcert");
        var className = await _world.CreateClassAsync("badcert");
        var valid = _ca.Issue(["missing.bad.test"]);
        var other = _ca.Issue(["opaque.bad.test"]);
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "opaque", other.ChainPem, other.KeyPem, type: "Opaque"));
        await _world.ApplyAsync(Manifests.TlsSecret(ns, "garbage", "not a certificate", "not a key"));
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(Gateway(ns, "edge", className,
            HttpsListener("missing", 443, "missing.bad.test", "absent") + HttpsListener("opaque", 443, "opaque.bad.test", "opaque") +
            HttpsListener("garbage", 443, "garbage.bad.test", "garbage")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("PathPrefix", "/", "alpha")));

        var missing = await ListenerWhenAsync(ns, "missing", "ResolvedRefs", "False");
        var opaque = await ListenerWhenAsync(ns, "opaque", "ResolvedRefs", "False");
        var garbage = await ListenerWhenAsync(ns, "garbage", "ResolvedRefs", "False");
        var port = await emulator.GatewayListenerPortAsync(443);
        foreach (var name in new[] { "missing.bad.test", "opaque.bad.test", "garbage.bad.test" })
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => HttpsProbe.GetAsync(port, name));
        }

        await _world.ApplyAsync(Manifests.TlsSecret(ns, "absent", valid.ChainPem, valid.KeyPem));
        var fixedListener = await ListenerWhenAsync(ns, "missing", "ResolvedRefs", "True");
        var served = await HttpsProbe.GetAsync(port, "missing.bad.test");

        AssertCondition(missing, "ResolvedRefs", "InvalidCertificateRef", $"secret {ns}/absent does not exist");
        AssertCondition(opaque, "ResolvedRefs", "InvalidCertificateRef", $"secret {ns}/opaque is of type Opaque, not kubernetes.io/tls");
        AssertCondition(garbage, "ResolvedRefs", "InvalidCertificateRef", $"secret {ns}/garbage: tls.crt holds no PEM certificate");
        Assert.Equal("False", (string?)GatewayWorld.Condition(missing, "Programmed")["status"]);
        Assert.Equal("True", (string?)GatewayWorld.Condition(fixedListener, "Programmed")["status"]);
        Assert.Equal(valid.Serial, served.Leaf.SerialNumber.ToLowerInvariant());
        Assert.Contains("TLS handshake for server name garbage.bad.test refused", emulator.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.ASCII.GetBytes(valid.KeyPem)), emulator.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_in_another_namespace_is_RefNotPermitted_and_not_served_until_a_ReferenceGrant_allows_it()
    {
        var ns = await emulator.CreateNamespaceAsync("gwxns");
        var secretNs = await emulator.CreateNamespaceAsync("gwxnscerts");
        var className = await _world.CreateClassAsync("xns");
        var certificate = _ca.Issue(["shared.xns.test"]);
        await _world.ApplyAsync(Manifests.TlsSecret(secretNs, "shared-tls", certificate.ChainPem, certificate.KeyPem));
        await BackendAsync(ns, "alpha", _alpha);
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpsListener("https", 443, "shared.xns.test", "shared-tls", secretNs)));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("PathPrefix", "/", "alpha")));

        var refused = await ListenerWhenAsync(ns, "https", "ResolvedRefs", "False");
        var port = await emulator.GatewayListenerPortAsync(443);
        await Assert.ThrowsAsync<HttpRequestException>(() => HttpsProbe.GetAsync(port, "shared.xns.test"));
        await _world.ApplyAsync(SecretGrant(secretNs, ns));
        await ListenerWhenAsync(ns, "https", "ResolvedRefs", "True");
        var served = await HttpsProbe.GetAsync(port, "shared.xns.test");

        AssertCondition(refused, "ResolvedRefs", "RefNotPermitted", $"certificateRef {secretNs}/shared-tls is in another namespace and no ReferenceGrant allows it");
        Assert.Equal(certificate.Serial, served.Leaf.SerialNumber.ToLowerInvariant());
        Assert.Equal("alpha", Upstream(served));
    }

    private static string? Upstream(HttpsProbeAnswer answer) => (string?)JsonNode.Parse(answer.Body)!["upstream"];

    private static void AssertCondition(JsonNode listener, string type, string reason, string message)
    {
        var condition = GatewayWorld.Condition(listener, type);
        Assert.Equal(("False", reason, message), ((string?)condition["status"], (string?)condition["reason"], (string?)condition["message"]));
    }

    private async Task BackendAsync(string ns, string name, EchoUpstream upstream)
    {
        await _world.ApplyAsync(Manifests.ClusterIpService(ns, name));
        await emulator.SetUpstreamAsync(ns, name, upstream.Url);
    }

    private async Task<JsonNode> ListenerAsync(string ns, string listener) =>
        (await _world.GetAsync(ns, "gateway/edge"))["status"]!["listeners"]!.AsArray().Single(l => (string?)l!["name"] == listener)!;

    // The controller writes status asynchronously after each change, as a real one does: poll until it has.
    private async Task<JsonNode> ListenerWhenAsync(string ns, string listener, string type, string status)
    {
        for (var attempt = 0; ; attempt++)
        {
            var gateway = await _world.GetAsync(ns, "gateway/edge");
            var found = (gateway["status"]?["listeners"] as JsonArray ?? []).FirstOrDefault(l => (string?)l!["name"] == listener);
            var condition = (found?["conditions"] as JsonArray ?? []).FirstOrDefault(c => (string?)c!["type"] == type);
            if ((string?)condition?["status"] == status)
            {
                return found!;
            }

            Assert.True(attempt < 200, $"listener {listener} never had {type}={status}: {gateway["status"]?.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    // HttpClient takes the TLS server name from the Host, so a Host that differs from the SNI needs a raw request.
    private static async Task<string> StatusLineAsync(int port, string serverName, string host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName });
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(tls, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? string.Empty;
    }

    private static string SecretGrant(string ns, string fromNamespace) => $"""
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata:
          name: gateways-from-{fromNamespace}
          namespace: {ns}
        spec:
          from:
          - group: gateway.networking.k8s.io
            kind: Gateway
            namespace: {fromNamespace}
          to:
          - group: ""
            kind: Secret
        """;
}

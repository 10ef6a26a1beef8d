using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Network;
using KubeApiEmulator.Tests.Support;
using static KubeApiEmulator.Tests.Support.GatewayManifests;

namespace KubeApiEmulator.Tests.GatewayApi;

/// <summary>The status the emulator's Gateway controller writes, with the standard condition reasons.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayStatusTests(KubeApiEmulatorFixture emulator)
{
    private readonly GatewayWorld _world = new(emulator);

    [Fact]
    public async Task An_accepted_route_counts_on_its_listener_and_reports_resolved_refs()
    {
        var ns = await emulator.CreateNamespaceAsync("gwst");
        var className = await _world.CreateClassAsync("status");
        await _world.ApplyAsync(ClusterIp(ns, "web"));
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", 80, "status.gateway.test") + HttpListener("other", 80, "other.gateway.test")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("Exact", "/a", "web"), "status.gateway.test"));

        var route = await _world.RouteWhenAcceptedIsAsync(ns, "web", "True", "Accepted");
        await _world.WaitAsync(ns, "gateway/edge");
        var gateway = await _world.GetAsync(ns, "gateway/edge");

        var parent = route["status"]!["parents"]![0]!;
        Assert.Equal(Controller, (string?)parent["controllerName"]);
        Assert.Equal("edge", (string?)parent["parentRef"]!["name"]);
        Assert.Equal("True", (string?)GatewayWorld.Condition(parent, "ResolvedRefs")["status"]);
        Assert.Equal(1, (long)GatewayWorld.Condition(parent, "Accepted")["observedGeneration"]!);
        var listeners = gateway["status"]!["listeners"]!.AsArray();
        Assert.Equal(1, (int)listeners.Single(l => (string?)l!["name"] == "http")!["attachedRoutes"]!);
        Assert.Equal(0, (int)listeners.Single(l => (string?)l!["name"] == "other")!["attachedRoutes"]!);
        Assert.Equal("HTTPRoute", (string?)listeners[0]!["supportedKinds"]![0]!["kind"]);
        Assert.Equal("127.0.0.1", (string?)gateway["status"]!["addresses"]![0]!["value"]);
        Assert.Equal("NoConflicts", (string?)GatewayWorld.Condition(listeners[0]!, "Conflicted")["reason"]);
    }

    [Fact]
    public async Task A_route_from_another_namespace_is_not_allowed_by_a_Same_listener_until_it_allows_All()
    {
        var gatewayNs = await emulator.CreateNamespaceAsync("gwsame");
        var routeNs = await emulator.CreateNamespaceAsync("gwsameroute");
        var className = await _world.CreateClassAsync("same");
        await _world.ApplyAsync(Gateway(gatewayNs, "edge", className, HttpListener("http", 80, "same.gateway.test")));
        await _world.ApplyAsync(HttpRoute(routeNs, "web", Parent("edge", gatewayNs), Rule("Exact", "/a", "web")));

        await _world.RouteWhenAcceptedIsAsync(routeNs, "web", "False", "NotAllowedByListeners");
        await _world.ApplyAsync(Gateway(gatewayNs, "edge", className, HttpListener("http", 80, "same.gateway.test", allowedFrom: "All")));
        await _world.RouteWhenAcceptedIsAsync(routeNs, "web", "True", "Accepted");
    }

    [Fact]
    public async Task A_Selector_listener_admits_routes_from_namespaces_with_the_label()
    {
        var gatewayNs = await emulator.CreateNamespaceAsync("gwsel");
        var routeNs = await emulator.CreateNamespaceAsync("gwselroute");
        var className = await _world.CreateClassAsync("selector");
        var listener = HttpListener("http", 80, "selector.gateway.test") + "  allowedRoutes:\n    namespaces:\n      from: Selector\n      selector:\n        matchLabels:\n          gateway-access: \"yes\"\n";
        await _world.ApplyAsync(Gateway(gatewayNs, "edge", className, listener));
        await _world.ApplyAsync(HttpRoute(routeNs, "web", Parent("edge", gatewayNs), Rule("Exact", "/a", "web")));

        await _world.RouteWhenAcceptedIsAsync(routeNs, "web", "False", "NotAllowedByListeners");
        var labelled = await emulator.RunKubectlAsync("label", "namespace", routeNs, "gateway-access=yes");
        Assert.True(labelled.Succeeded, labelled.ToString());
        await _world.RouteWhenAcceptedIsAsync(routeNs, "web", "True", "Accepted");
    }

    [Fact]
    public async Task Hostnames_that_no_listener_accepts_are_NoMatchingListenerHostname()
    {
        var ns = await emulator.CreateNamespaceAsync("gwhost");
        var className = await _world.CreateClassAsync("host");
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", 80, "*.wild.gateway.test")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("Exact", "/a", "web"), "wild.gateway.test"));

        await _world.RouteWhenAcceptedIsAsync(ns, "web", "False", "NoMatchingListenerHostname");
    }

    [Fact]
    public async Task A_sectionName_or_port_that_names_no_listener_is_NoMatchingParent()
    {
        var ns = await emulator.CreateNamespaceAsync("gwsection");
        var className = await _world.CreateClassAsync("section");
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", 80, "section.gateway.test")));
        await _world.ApplyAsync(HttpRoute(ns, "by-name", Parent("edge", sectionName: "https"), Rule("Exact", "/a", "web")));
        await _world.ApplyAsync(HttpRoute(ns, "by-port", Parent("edge", port: 8080), Rule("Exact", "/a", "web")));

        await _world.RouteWhenAcceptedIsAsync(ns, "by-name", "False", "NoMatchingParent");
        await _world.RouteWhenAcceptedIsAsync(ns, "by-port", "False", "NoMatchingParent");
    }

    [Fact]
    public async Task A_missing_backend_is_BackendNotFound_and_a_foreign_one_needs_a_ReferenceGrant()
    {
        var ns = await emulator.CreateNamespaceAsync("gwrefs");
        var backendNs = await emulator.CreateNamespaceAsync("gwrefsbackend");
        var className = await _world.CreateClassAsync("refs");
        await _world.ApplyAsync(ClusterIp(backendNs, "api"));
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", 80, "refs.gateway.test")));
        await _world.ApplyAsync(HttpRoute(ns, "missing", Parent("edge"), Rule("Exact", "/a", "nothing-here")));
        await _world.ApplyAsync(HttpRoute(ns, "foreign", Parent("edge"), Rule("Exact", "/b", "api", serviceNamespace: backendNs)));

        var missing = await _world.RouteWhenAcceptedIsAsync(ns, "missing", "True");
        await WaitResolvedRefsAsync(ns, "foreign", "False");
        var refused = await _world.GetAsync(ns, "httproute/foreign");
        await _world.ApplyAsync(Grant(backendNs, ns));
        await WaitResolvedRefsAsync(ns, "foreign", "True");

        Assert.Equal("BackendNotFound", (string?)GatewayWorld.Condition(missing["status"]!["parents"]![0]!, "ResolvedRefs")["reason"]);
        Assert.Equal("RefNotPermitted", (string?)GatewayWorld.Condition(refused["status"]!["parents"]![0]!, "ResolvedRefs")["reason"]);
    }

    [Fact]
    public async Task Listeners_report_unsupported_protocols_and_unresolved_certificates()
    {
        var ns = await emulator.CreateNamespaceAsync("gwlisteners");
        var className = await _world.CreateClassAsync("listeners");
        var listeners = HttpListener("http", 80, "listeners.gateway.test")
            + "- name: tcp\n  port: 9000\n  protocol: TCP\n"
            + "- name: https\n  port: 443\n  protocol: HTTPS\n  hostname: listeners.gateway.test\n  tls:\n    certificateRefs:\n    - name: missing-cert\n";
        await _world.ApplyAsync(Gateway(ns, "edge", className, listeners));

        await _world.WaitAsync(ns, "gateway/edge", "Accepted");
        var wait = await emulator.RunKubectlAsync("wait", "-n", ns, "--for=jsonpath={.status.listeners[2].name}=https", "gateway/edge", "--timeout=20s");
        var gateway = await _world.GetAsync(ns, "gateway/edge");

        Assert.True(wait.Succeeded, wait.ToString());
        var status = gateway["status"]!;
        Assert.Equal("ListenersNotValid", (string?)GatewayWorld.Condition(status, "Accepted")["reason"]);
        Assert.Equal("True", (string?)GatewayWorld.Condition(status, "Programmed")["status"]);
        var tcp = status["listeners"]!.AsArray().Single(l => (string?)l!["name"] == "tcp")!;
        Assert.Equal("UnsupportedProtocol", (string?)GatewayWorld.Condition(tcp, "Accepted")["reason"]);
        Assert.Empty(tcp["supportedKinds"]!.AsArray());
        var https = status["listeners"]!.AsArray().Single(l => (string?)l!["name"] == "https")!;
        Assert.Equal("InvalidCertificateRef", (string?)GatewayWorld.Condition(https, "ResolvedRefs")["reason"]);
        Assert.Equal("False", (string?)GatewayWorld.Condition(https, "Programmed")["status"]);
    }

    [Fact]
    public async Task A_listener_port_already_in_use_is_PortUnavailable()
    {
        var ns = await emulator.CreateNamespaceAsync("gwport");
        var className = await _world.CreateClassAsync("port");
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, FreePort.Next());
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", port)));

        var wait = await emulator.RunKubectlAsync("wait", "-n", ns, "--for=jsonpath={.status.listeners[0].conditions[0].reason}=PortUnavailable", "gateway/edge", "--timeout=20s");

        Assert.True(wait.Succeeded, wait.ToString());
    }

    [Fact]
    public async Task Deleting_the_gateway_removes_its_entry_from_the_route_status()
    {
        var ns = await emulator.CreateNamespaceAsync("gwdetach");
        var className = await _world.CreateClassAsync("detach");
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", 80, "detach.gateway.test")));
        await _world.ApplyAsync(HttpRoute(ns, "web", Parent("edge"), Rule("Exact", "/a", "web")));
        await _world.RouteWhenAcceptedIsAsync(ns, "web", "True");

        var deleted = await emulator.RunKubectlAsync("delete", "-n", ns, "gateway/edge");
        var parents = -1;
        for (var attempt = 0; attempt < 200 && parents != 0; attempt++)
        {
            // The controller writes status after the delete returns, as a real one does: poll until it has.
            await Task.Delay(50);
            parents = (await _world.GetAsync(ns, "httproute/web"))["status"]!["parents"]!.AsArray().Count;
        }

        Assert.True(deleted.Succeeded, deleted.ToString());
        Assert.Equal(0, parents);
    }

    [Fact]
    public async Task Gateways_of_another_controller_are_left_waiting()
    {
        var ns = await emulator.CreateNamespaceAsync("gwother");
        var className = "other-" + Guid.NewGuid().ToString("N")[..8];
        await _world.ApplyAsync(GatewayClass(className, "example.com/someone-else"));
        await _world.ApplyAsync(Gateway(ns, "edge", className, HttpListener("http", 80, "other.gateway.test")));
        var mine = await _world.CreateClassAsync("mine");
        await _world.WaitAsync(string.Empty, "gatewayclass/" + mine, "Accepted");

        var gateway = await _world.GetAsync(ns, "gateway/edge");
        var gatewayClass = await _world.GetAsync(string.Empty, "gatewayclass/" + className);

        Assert.Equal("Pending", (string?)GatewayWorld.Condition(gateway["status"]!, "Accepted")["reason"]);
        Assert.Equal("Unknown", (string?)GatewayWorld.Condition(gatewayClass["status"]!, "Accepted")["status"]);
    }

    private async Task WaitResolvedRefsAsync(string ns, string route, string status)
    {
        var jsonPath = "{.status.parents[0].conditions[?(@.type==\"ResolvedRefs\")].status}=" + status;
        var result = await emulator.RunKubectlAsync("wait", "-n", ns, "--for=jsonpath=" + jsonPath, "httproute/" + route, "--timeout=20s");
        Assert.True(result.Succeeded, result.ToString());
    }

    private static string ClusterIp(string ns, string name) => Manifests.ClusterIpService(ns, name);

    private static string Grant(string ns, string fromNamespace) => $"""
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata:
          name: allow-{fromNamespace}
          namespace: {ns}
        spec:
          from:
          - group: gateway.networking.k8s.io
            kind: HTTPRoute
            namespace: {fromNamespace}
          to:
          - group: ""
            kind: Service
        """;
}

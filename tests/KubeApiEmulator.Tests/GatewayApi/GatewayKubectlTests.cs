using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.GatewayApi;

/// <summary>The real kubectl driving Gateway API objects: apply, get with the CRDs' printer columns, patch, wait.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayKubectlTests(KubeApiEmulatorFixture emulator)
{
    private readonly GatewayWorld _world = new(emulator);

    [Fact]
    public async Task Api_resources_lists_the_gateway_kinds_as_the_crds_name_them()
    {
        var result = await emulator.RunKubectlAsync("api-resources", "--api-group=gateway.networking.k8s.io", "-o", "wide");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Matches(@"gatewayclasses\s+gc\s+gateway.networking.k8s.io/v1\s+false\s+GatewayClass", result.StandardOutput);
        Assert.Matches(@"gateways\s+gtw\s+gateway.networking.k8s.io/v1\s+true\s+Gateway", result.StandardOutput);
        Assert.Matches(@"httproutes\s+gateway.networking.k8s.io/v1\s+true\s+HTTPRoute", result.StandardOutput);
        Assert.Matches(@"referencegrants\s+refgrant\s+gateway.networking.k8s.io/v1beta1\s+true\s+ReferenceGrant", result.StandardOutput);
        Assert.Contains("gateway-api", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_Accepted_returns_once_the_controller_accepts_class_and_gateway()
    {
        var ns = await emulator.CreateNamespaceAsync("gwwait");
        var className = await _world.CreateClassAsync("wait");
        await _world.ApplyAsync(GatewayManifests.Gateway(ns, "edge", className, GatewayManifests.HttpListener("http", 80, "wait.gateway.test")));

        var classWait = await emulator.RunKubectlAsync("wait", "--for=condition=Accepted", "gatewayclass/" + className, "--timeout=20s");
        var gatewayWait = await emulator.RunKubectlAsync("wait", "-n", ns, "--for=condition=Accepted", "gateway/edge", "--timeout=20s");

        Assert.True(classWait.Succeeded, classWait.ToString());
        Assert.Contains($"gatewayclass.gateway.networking.k8s.io/{className} condition met", classWait.StandardOutput, StringComparison.Ordinal);
        Assert.True(gatewayWait.Succeeded, gatewayWait.ToString());
    }

    [Fact]
    public async Task Get_prints_the_crd_columns_for_classes_gateways_and_routes_across_namespaces()
    {
        var ns = await emulator.CreateNamespaceAsync("gwget");
        var className = await _world.CreateClassAsync("get");
        await _world.ApplyAsync(GatewayManifests.Gateway(ns, "edge", className, GatewayManifests.HttpListener("http", 80, "get.gateway.test")));
        await _world.ApplyAsync(GatewayManifests.HttpRoute(ns, "web", GatewayManifests.Parent("edge"), GatewayManifests.Rule("Exact", "/x", "web"), "get.gateway.test"));
        await _world.WaitAsync(ns, "gateway/edge");

        var classes = await emulator.RunKubectlAsync("get", "gatewayclass", className);
        var both = await emulator.RunKubectlAsync("get", "gateways,httproutes", "-A");

        Assert.True(classes.Succeeded, classes.ToString());
        Assert.Matches(@"NAME\s+CONTROLLER\s+ACCEPTED\s+AGE", classes.StandardOutput);
        Assert.Matches($@"{className}\s+{GatewayManifests.Controller}\s+True\s+\d+s", classes.StandardOutput);
        Assert.True(both.Succeeded, both.ToString());
        Assert.Matches(@"NAMESPACE\s+NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE", both.StandardOutput);
        Assert.Matches($@"{ns}\s+gateway.gateway.networking.k8s.io/edge\s+{className}\s+127.0.0.1\s+True", both.StandardOutput);
        Assert.Matches(@"NAMESPACE\s+NAME\s+HOSTNAMES\s+AGE", both.StandardOutput);
        Assert.Matches($@"{ns}\s+httproute.gateway.networking.k8s.io/web\s+\[""get.gateway.test""\]", both.StandardOutput);
    }

    [Fact]
    public async Task Merge_patch_of_the_spec_bumps_generation_and_the_controller_observes_it()
    {
        var ns = await emulator.CreateNamespaceAsync("gwpatch");
        var className = await _world.CreateClassAsync("patch");
        await _world.ApplyAsync(GatewayManifests.Gateway(ns, "edge", className, GatewayManifests.HttpListener("http", 80, "patch.gateway.test")));
        await _world.WaitAsync(ns, "gateway/edge");

        var patched = await emulator.RunKubectlAsync("patch", "-n", ns, "gateway/edge", "--type=merge",
            "-p", """{"spec":{"listeners":[{"name":"http","port":80,"protocol":"HTTP","hostname":"patched.gateway.test"}]}}""");
        var labelled = await emulator.RunKubectlAsync("label", "-n", ns, "gateway/edge", "team=edge");
        await _world.WaitAsync(ns, "gateway/edge");
        var observed = await emulator.RunKubectlAsync("wait", "-n", ns, "--for=jsonpath={.status.conditions[0].observedGeneration}=2", "gateway/edge", "--timeout=20s");
        var gateway = await _world.GetAsync(ns, "gateway/edge");

        Assert.True(patched.Succeeded, patched.ToString());
        Assert.True(labelled.Succeeded, labelled.ToString());
        Assert.True(observed.Succeeded, observed.ToString());
        Assert.Equal(2, (long)gateway["metadata"]!["generation"]!);
        Assert.Equal("patched.gateway.test", (string?)gateway["spec"]!["listeners"]![0]!["hostname"]);
    }

    [Fact]
    public async Task Json_patch_adds_a_rule_to_an_httproute()
    {
        var ns = await emulator.CreateNamespaceAsync("gwjsonpatch");
        await _world.ApplyAsync(GatewayManifests.HttpRoute(ns, "web", GatewayManifests.Parent("nowhere"), GatewayManifests.Rule("Exact", "/a", "web")));

        var patched = await emulator.RunKubectlAsync("patch", "-n", ns, "httproute/web", "--type=json",
            "-p", """[{"op":"add","path":"/spec/rules/-","value":{"matches":[{"path":{"type":"PathPrefix","value":"/b"}}],"backendRefs":[{"name":"web","port":80}]}}]""");
        var route = await _world.GetAsync(ns, "httproute/web");

        Assert.True(patched.Succeeded, patched.ToString());
        Assert.Equal(2, route["spec"]!["rules"]!.AsArray().Count);
        Assert.Equal(1, (int)route["spec"]!["rules"]![1]!["backendRefs"]![0]!["weight"]!);
        Assert.Equal(2, (long)route["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Strategic_merge_patch_is_refused_as_for_any_custom_resource()
    {
        var ns = await emulator.CreateNamespaceAsync("gwsmp");
        await _world.ApplyAsync(GatewayManifests.HttpRoute(ns, "web", GatewayManifests.Parent("nowhere"), GatewayManifests.Rule("Exact", "/a", "web")));

        var result = await emulator.RunKubectlAsync("patch", "-n", ns, "httproute/web", "-p", """{"spec":{"hostnames":["x.example.test"]}}""");

        Assert.False(result.Succeeded);
        Assert.Contains("application/strategic-merge-patch+json is not supported by gateway.networking.k8s.io/v1, Kind=HTTPRoute: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_with_a_misspelt_field_fails_strict_decoding()
    {
        var ns = await emulator.CreateNamespaceAsync("gwstrict");
        var manifest = GatewayManifests.Gateway(ns, "edge", "any", GatewayManifests.HttpListener("http", 80)).Replace("protocol: HTTP", "protocol: HTTP\n    portt: 81", StringComparison.Ordinal);

        var result = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");

        Assert.False(result.Succeeded);
        Assert.Contains("Gateway in version \"v1\" cannot be handled as a Gateway: strict decoding error: unknown field \"spec.listeners[0].portt\"", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_an_invalid_route_shows_the_schema_message()
    {
        var ns = await emulator.CreateNamespaceAsync("gwinvalid");

        var result = await emulator.RunKubectlWithInputAsync(GatewayManifests.HttpRoute(ns, "web", GatewayManifests.Parent("edge"), GatewayManifests.Rule("Regex", "/a", "web")), "apply", "-f", "-");

        Assert.False(result.Succeeded);
        Assert.Contains("spec.rules[0].matches[0].path.type: Unsupported value: \"Regex\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferenceGrants_are_served_in_v1beta1_by_their_short_name()
    {
        var ns = await emulator.CreateNamespaceAsync("gwgrant");
        await _world.ApplyAsync($"""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata:
              name: allow-routes
              namespace: {ns}
            spec:
              from:
              - group: gateway.networking.k8s.io
                kind: HTTPRoute
                namespace: other
              to:
              - group: ""
                kind: Service
            """);

        var result = await emulator.RunKubectlAsync("get", "refgrant", "-n", ns);
        var deleted = await emulator.RunKubectlAsync("delete", "referencegrant", "allow-routes", "-n", ns);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Matches(@"allow-routes\s+\d+s", result.StandardOutput);
        Assert.True(deleted.Succeeded, deleted.ToString());
    }
}

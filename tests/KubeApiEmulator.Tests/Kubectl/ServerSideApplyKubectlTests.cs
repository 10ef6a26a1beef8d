using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Kubectl;

/// <summary>
/// Server-side apply driven by the real kubectl (<c>apply --server-side</c>, <c>--force-conflicts</c>,
/// <c>--field-manager</c>) and client-side <c>kubectl apply</c>, checked against what the Kubernetes documentation
/// shows for managedFields, conflicts and field removal.
/// </summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ServerSideApplyKubectlTests(KubeApiEmulatorFixture emulator)
{
    private const string ChallengePathPatch = """
        [{"op":"add","path":"/spec/rules/0/http/paths/0","value":{"path":"/.well-known/acme-challenge/t","pathType":"ImplementationSpecific",
          "backend":{"service":{"name":"responder","port":{"number":80}}}}},
         {"op":"add","path":"/metadata/labels/added-by","value":"other"}]
        """;

    [Fact]
    public async Task Server_side_apply_creates_the_object_and_records_an_Apply_entry_with_the_applied_fields()
    {
        var ns = await emulator.CreateNamespaceAsync("ssacreate");

        var result = await ApplyServerSideAsync(Manifests.Ingress(ns, "web", "web.example.test"), "flux");
        var ingress = await GetAsync(ns, "web");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("ingress.networking.k8s.io/web serverside-applied", result.StandardOutput, StringComparison.Ordinal);
        var entry = Assert.Single(ingress["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("flux", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("networking.k8s.io/v1", (string?)entry["apiVersion"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        // spec.rules is an atomic list: owned as one field, never item by item.
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:rules":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Reapplying_the_same_configuration_changes_nothing()
    {
        var ns = await emulator.CreateNamespaceAsync("ssanoop");
        var manifest = Manifests.Ingress(ns, "web", "web.example.test");
        Assert.True((await ApplyServerSideAsync(manifest, "flux")).Succeeded);
        var before = await GetAsync(ns, "web");

        var again = await ApplyServerSideAsync(manifest, "flux");
        var after = await GetAsync(ns, "web");

        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal((string?)before["metadata"]!["resourceVersion"], (string?)after["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Apply_that_would_replace_rules_another_manager_changed_fails_with_409_and_changes_nothing()
    {
        var ns = await emulator.CreateNamespaceAsync("ssaconflict");
        var manifest = Manifests.Ingress(ns, "web", "web.example.test");
        Assert.True((await ApplyServerSideAsync(manifest, "flux")).Succeeded);
        Assert.True((await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=json", "--field-manager", "certfunctions", "-p", ChallengePathPatch)).Succeeded);
        var before = await GetAsync(ns, "web");

        var result = await ApplyServerSideAsync(manifest, "flux");
        var after = await GetAsync(ns, "web");

        Assert.False(result.Succeeded);
        Assert.Matches(
            "error: Apply failed with 1 conflict: conflict with \"certfunctions\" using networking.k8s.io/v1 at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: \\.spec\\.rules",
            result.StandardError);
        Assert.Contains("--force-conflicts", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Forced_apply_puts_the_whole_rules_list_back_and_takes_it_from_the_other_manager()
    {
        var ns = await emulator.CreateNamespaceAsync("ssaforce");
        var manifest = Manifests.Ingress(ns, "web", "web.example.test");
        Assert.True((await ApplyServerSideAsync(manifest, "flux")).Succeeded);
        Assert.True((await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=json", "--field-manager", "certfunctions", "-p", ChallengePathPatch)).Succeeded);

        var result = await ApplyServerSideAsync(manifest, "flux", "--force-conflicts");
        var ingress = await GetAsync(ns, "web");

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("/", (string?)Assert.Single(ingress["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray())!["path"]);
        // The label flux never applied stays, still owned by the manager that added it.
        Assert.Equal("other", (string?)ingress["metadata"]!["labels"]!["added-by"]);
        var entries = ingress["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:rules":{}}}""", Entry(entries, "flux")["fieldsV1"]!.ToJsonString());
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:added-by":{}}}}""", Entry(entries, "certfunctions")["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Two_appliers_share_a_field_with_the_same_value_and_conflict_over_a_different_one()
    {
        var ns = await emulator.CreateNamespaceAsync("ssashare");
        Assert.True((await ApplyServerSideAsync(Manifests.Ingress(ns, "web", "web.example.test", labels: "team: blue"), "first")).Succeeded);

        var same = await ApplyServerSideAsync(Manifests.Ingress(ns, "web", "web.example.test", labels: "team: blue"), "second");
        var different = await ApplyServerSideAsync(Manifests.Ingress(ns, "web", "web.example.test", labels: "team: green"), "third");
        var ingress = await GetAsync(ns, "web");

        Assert.True(same.Succeeded, same.ToString());
        Assert.Equal(Entry(ingress["metadata"]!["managedFields"]!.AsArray(), "first")["fieldsV1"]!.ToJsonString(),
            Entry(ingress["metadata"]!["managedFields"]!.AsArray(), "second")["fieldsV1"]!.ToJsonString());
        Assert.False(different.Succeeded);
        // Apply managers are named without "using": two conflicts, one per manager, listed by manager.
        Assert.Contains("Apply failed with 2 conflicts: conflicts with \"first\":\n- .metadata.labels.team\nconflicts with \"second\":\n- .metadata.labels.team", different.StandardError, StringComparison.Ordinal);
        Assert.Equal("blue", (string?)ingress["metadata"]!["labels"]!["team"]);
    }

    [Fact]
    public async Task A_field_the_manager_stops_applying_is_removed_unless_another_manager_owns_it()
    {
        var ns = await emulator.CreateNamespaceAsync("ssaremove");
        var full = Manifests.Ingress(ns, "web", "web.example.test", labels: "team: blue\n    tier: front");
        Assert.True((await ApplyServerSideAsync(full, "flux")).Succeeded);
        Assert.True((await ApplyServerSideAsync(Manifests.Ingress(ns, "web", "web.example.test", labels: "tier: front"), "other")).Succeeded);

        var result = await ApplyServerSideAsync(Manifests.Ingress(ns, "web", "web.example.test", labels: "app: web"), "flux");
        var labels = (await GetAsync(ns, "web"))["metadata"]!["labels"]!.AsObject();

        Assert.True(result.Succeeded, result.ToString());
        Assert.False(labels.ContainsKey("team"));
        Assert.Equal("front", (string?)labels["tier"]);
        Assert.Equal("web", (string?)labels["app"]);
    }

    [Fact]
    public async Task Client_side_apply_keeps_fields_the_manifest_never_had_and_replaces_a_changed_atomic_rules_list()
    {
        var ns = await emulator.CreateNamespaceAsync("csakeep");
        var manifest = Manifests.Ingress(ns, "web", "web.example.test");
        Assert.True((await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-")).Succeeded);
        Assert.True((await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=json", "--field-manager", "certfunctions", "-p", ChallengePathPatch)).Succeeded);
        Assert.True((await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=merge", "--field-manager", "certfunctions",
            "-p", """{"spec":{"tls":[{"hosts":["web.example.test"],"secretName":"web-tls"}]}}""")).Succeeded);

        var result = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");
        var ingress = await GetAsync(ns, "web");

        Assert.True(result.Succeeded, result.ToString());
        // The three-way patch (last-applied, manifest, live) replaces rules, which differ from the manifest and have
        // no merge key, but leaves spec.tls and the label, which the manifest never had.
        Assert.Contains("ingress.networking.k8s.io/web configured", result.StandardOutput, StringComparison.Ordinal);
        Assert.Single(ingress["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray());
        Assert.Equal("web-tls", (string?)ingress["spec"]!["tls"]![0]!["secretName"]);
        Assert.Equal("other", (string?)ingress["metadata"]!["labels"]!["added-by"]);
        var entries = ingress["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal("Update", (string?)Entry(entries, "kubectl-client-side-apply")["operation"]);
        Assert.Contains("f:kubectl.kubernetes.io/last-applied-configuration", Entry(entries, "kubectl-client-side-apply")["fieldsV1"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"f:rules\"", Entry(entries, "kubectl-client-side-apply")["fieldsV1"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:added-by":{}}},"f:spec":{"f:tls":{}}}""", Entry(entries, "certfunctions")["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Create_replace_and_patch_are_recorded_as_Update_managers()
    {
        var ns = await emulator.CreateNamespaceAsync("ssaupdate");
        Assert.True((await emulator.RunKubectlWithInputAsync(Manifests.ClusterIpService(ns, "svc"), "create", "-f", "-")).Succeeded);
        Assert.True((await emulator.RunKubectlAsync("label", "service", "svc", "-n", ns, "team=blue")).Succeeded);
        Assert.True((await emulator.RunKubectlAsync("patch", "service", "svc", "-n", ns, "-p", """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""")).Succeeded);

        var service = JsonNode.Parse((await emulator.RunKubectlAsync("get", "service", "svc", "-n", ns, "-o", "json", "--show-managed-fields")).StandardOutput)!;
        var entries = service["metadata"]!["managedFields"]!.AsArray();

        Assert.All(entries, e => Assert.Equal("Update", (string?)e!["operation"]));
        Assert.True(Entry(entries, "kubectl-create")["fieldsV1"]!["f:spec"]!["f:ports"]!.AsObject().ContainsKey("""k:{"port":80,"protocol":"TCP"}"""));
        Assert.Equal("""{"f:metadata":{"f:labels":{".":{},"f:team":{}}}}""", Entry(entries, "kubectl-label")["fieldsV1"]!.ToJsonString());
        // The patch changed targetPort inside the port-80 item: only that field moves to kubectl-patch.
        Assert.Equal("""{"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{"f:targetPort":{}}}}}""", Relaxed(Entry(entries, "kubectl-patch")["fieldsV1"]!));
        Assert.DoesNotContain("f:targetPort", Entry(entries, "kubectl-create")["fieldsV1"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_ports_are_a_map_list_each_applier_owns_its_own_port()
    {
        var ns = await emulator.CreateNamespaceAsync("ssaports");
        Assert.True((await ApplyServerSideAsync(ServiceWithPort(ns, 80), "first")).Succeeded);
        Assert.True((await ApplyServerSideAsync(ServiceWithPort(ns, 443), "second")).Succeeded);

        var both = await GetServiceAsync(ns);
        Assert.True((await ApplyServerSideAsync(ServiceWithoutPorts(ns), "second")).Succeeded);
        var afterRemoval = await GetServiceAsync(ns);

        Assert.Equal([80, 443], both["spec"]!["ports"]!.AsArray().Select(p => (int)p!["port"]!));
        Assert.Equal([80], afterRemoval["spec"]!["ports"]!.AsArray().Select(p => (int)p!["port"]!));
    }

    private Task<KubectlResult> ApplyServerSideAsync(string manifest, string manager, params string[] more) =>
        emulator.RunKubectlWithInputAsync(manifest, ["apply", "--server-side", "--field-manager", manager, .. more, "-f", "-"]);

    private async Task<JsonNode> GetAsync(string ns, string name)
    {
        var result = await emulator.RunKubectlAsync("get", "ingress", name, "-n", ns, "-o", "json", "--show-managed-fields");
        Assert.True(result.Succeeded, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!;
    }

    private async Task<JsonNode> GetServiceAsync(string ns) =>
        JsonNode.Parse((await emulator.RunKubectlAsync("get", "service", "svc", "-n", ns, "-o", "json", "--show-managed-fields")).StandardOutput)!;

    private static string Relaxed(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static JsonNode Entry(JsonArray entries, string manager) =>
        entries.Single(e => (string?)e!["manager"] == manager)!;

    private static string ServiceWithPort(string ns, int port) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: svc
          namespace: {ns}
        spec:
          ports:
          - port: {port}
            protocol: TCP
            name: p{port}
        """;

    private static string ServiceWithoutPorts(string ns) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: svc
          namespace: {ns}
        """;
}

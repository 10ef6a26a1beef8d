using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Kubectl;

/// <summary>The real kubectl (v1.32) against the emulator through a kubeconfig.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class KubectlTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Apply_creates_then_reports_unchanged()
    {
        var ns = await emulator.CreateNamespaceAsync("apply");
        var manifest = Manifests.Ingress(ns, "web", "web.example.test");

        var first = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");
        var second = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");

        Assert.True(first.Succeeded, first.ToString());
        Assert.Contains("ingress.networking.k8s.io/web created", first.StandardOutput, StringComparison.Ordinal);
        Assert.True(second.Succeeded, second.ToString());
        Assert.Contains("ingress.networking.k8s.io/web unchanged", second.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_a_changed_spec_configures_the_object_and_bumps_generation()
    {
        var ns = await emulator.CreateNamespaceAsync("applychange");
        await ApplyAsync(Manifests.Ingress(ns, "web", "one.example.test"));

        var changed = await emulator.RunKubectlWithInputAsync(Manifests.Ingress(ns, "web", "two.example.test"), "apply", "-f", "-");
        var ingress = JsonNode.Parse((await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns, "-o", "json")).StandardOutput)!;

        Assert.True(changed.Succeeded, changed.ToString());
        Assert.Contains("ingress.networking.k8s.io/web configured", changed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("two.example.test", (string?)Assert.Single(ingress["spec"]!["rules"]!.AsArray())!["host"]);
        Assert.Equal(2, (int?)ingress["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Apply_with_an_unknown_field_fails_strict_decoding()
    {
        var ns = await emulator.CreateNamespaceAsync("applystrict");
        var manifest = Manifests.Ingress(ns, "web", "strict.example.test").Replace("  rules:", "  rulez: []\n  rules:", StringComparison.Ordinal);

        var result = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");

        Assert.False(result.Succeeded);
        Assert.Contains("strict decoding error: unknown field \"spec.rulez\"", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_json_shows_server_set_fields()
    {
        var ns = await emulator.CreateNamespaceAsync("getjson");
        Assert.True((await emulator.RunKubectlWithInputAsync(Manifests.Ingress(ns, "web", "web.example.test"), "apply", "-f", "-")).Succeeded);

        var result = await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns, "-o", "json");

        Assert.True(result.Succeeded, result.ToString());
        var ingress = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal("Ingress", (string?)ingress["kind"]);
        Assert.Matches("^[0-9a-f-]{36}$", (string?)ingress["metadata"]!["uid"]);
        Assert.Matches("^[0-9]+$", (string?)ingress["metadata"]!["resourceVersion"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)ingress["metadata"]!["creationTimestamp"]);
        Assert.Equal(1, (int?)ingress["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Get_with_label_selector_returns_only_matching_objects()
    {
        var ns = await emulator.CreateNamespaceAsync("labels");
        await ApplyAsync(Manifests.Ingress(ns, "blue", "blue.example.test", labels: "team: blue"));
        await ApplyAsync(Manifests.Ingress(ns, "green", "green.example.test", labels: "team: green"));

        var blue = await emulator.RunKubectlAsync("get", "ingresses", "-n", ns, "-l", "team=blue", "-o", "name");
        var notBlue = await emulator.RunKubectlAsync("get", "ingresses", "-n", ns, "-l", "team!=blue", "-o", "name");
        var set = await emulator.RunKubectlAsync("get", "ingresses", "-n", ns, "-l", "team in (blue,green)", "-o", "name");

        Assert.Equal("ingress.networking.k8s.io/blue", blue.StandardOutput.Trim());
        Assert.Equal("ingress.networking.k8s.io/green", notBlue.StandardOutput.Trim());
        Assert.Equal(2, set.StandardOutput.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task Get_with_chunk_size_pages_through_every_object()
    {
        var ns = await emulator.CreateNamespaceAsync("chunks");
        var documents = Enumerable.Range(0, 23).Select(i => $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: s-{i:00}
              namespace: {ns}
            stringData:
              n: "{i}"
            """);
        await ApplyAsync(string.Join("\n---\n", documents));
        await emulator.ResetAuditAsync();

        var result = await emulator.RunKubectlAsync("get", "secrets", "-n", ns, "--chunk-size=5", "-o", "name");

        Assert.True(result.Succeeded, result.ToString());
        var names = result.StandardOutput.Trim().Split('\n');
        Assert.Equal(23, names.Length);
        Assert.Equal(names.Distinct().Count(), names.Length);
        var lists = (await emulator.GetAuditAsync()).Where(e => e.Verb == "list" && e.Resource == "secrets" && e.Namespace == ns).ToList();
        Assert.Equal(5, lists.Count);
    }

    [Fact]
    public async Task Patch_json_merge_and_strategic_change_the_object()
    {
        var ns = await emulator.CreateNamespaceAsync("patch");
        await ApplyAsync(Manifests.Ingress(ns, "web", "web.example.test"));

        var json = await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=json", "-p", """[{"op":"add","path":"/metadata/annotations","value":{"a":"1"}}]""");
        var merge = await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=merge", "-p", """{"metadata":{"labels":{"m":"2"}}}""");
        var strategic = await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=strategic", "-p", """{"spec":{"ingressClassName":"nginx"}}""");
        var result = JsonNode.Parse((await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns, "-o", "json")).StandardOutput)!;

        Assert.True(json.Succeeded, json.ToString());
        Assert.True(merge.Succeeded, merge.ToString());
        Assert.True(strategic.Succeeded, strategic.ToString());
        Assert.Equal("1", (string?)result["metadata"]!["annotations"]!["a"]);
        Assert.Equal("2", (string?)result["metadata"]!["labels"]!["m"]);
        Assert.Equal("web", (string?)result["metadata"]!["labels"]!["app"]);
        Assert.Equal("nginx", (string?)result["spec"]!["ingressClassName"]);
        Assert.Equal(2, (int?)result["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Json_patch_with_a_failing_test_operation_is_rejected()
    {
        var ns = await emulator.CreateNamespaceAsync("jsontest");
        await ApplyAsync(Manifests.Ingress(ns, "web", "web.example.test"));

        var result = await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=json", "-p",
            """[{"op":"test","path":"/metadata/resourceVersion","value":"1"},{"op":"add","path":"/metadata/labels/x","value":"y"}]""");

        Assert.False(result.Succeeded);
        Assert.Contains("test failed", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strategic_patch_merges_service_ports_by_port_and_replaces_ingress_rules()
    {
        var ns = await emulator.CreateNamespaceAsync("smp");
        await ApplyAsync(Manifests.ClusterIpService(ns, "web"));
        await ApplyAsync(Manifests.Ingress(ns, "web", "one.example.test"));

        var service = await emulator.RunKubectlAsync("patch", "service", "web", "-n", ns, "--type=strategic", "-p",
            """{"spec":{"ports":[{"name":"https","port":443,"targetPort":8443}]}}""");
        var ingress = await emulator.RunKubectlAsync("patch", "ingress", "web", "-n", ns, "--type=strategic", "-p",
            """{"spec":{"rules":[{"host":"two.example.test","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""");

        Assert.True(service.Succeeded, service.ToString());
        Assert.True(ingress.Succeeded, ingress.ToString());
        var ports = JsonNode.Parse((await emulator.RunKubectlAsync("get", "service", "web", "-n", ns, "-o", "json")).StandardOutput)!["spec"]!["ports"]!.AsArray();
        // The merged list puts the patch's items first, then the ones only the server had (normalizeElementOrder).
        Assert.Equal([443, 80], ports.Select(p => (int)p!["port"]!));
        var rules = JsonNode.Parse((await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns, "-o", "json")).StandardOutput)!["spec"]!["rules"]!.AsArray();
        Assert.Equal("two.example.test", (string?)Assert.Single(rules)!["host"]);
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        var ns = await emulator.CreateNamespaceAsync("delete");
        await ApplyAsync(Manifests.Ingress(ns, "web", "web.example.test"));

        var delete = await emulator.RunKubectlAsync("delete", "ingress", "web", "-n", ns);
        var get = await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns);

        Assert.True(delete.Succeeded, delete.ToString());
        Assert.Contains("ingress.networking.k8s.io \"web\" deleted", delete.StandardOutput, StringComparison.Ordinal);
        Assert.False(get.Succeeded);
        Assert.Contains("Error from server (NotFound): ingresses.networking.k8s.io \"web\" not found", get.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_fails_with_conflict()
    {
        var ns = await emulator.CreateNamespaceAsync("stale");
        await ApplyAsync(Manifests.Ingress(ns, "web", "web.example.test"));
        var stale = (await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns, "-o", "json")).StandardOutput;
        Assert.True((await emulator.RunKubectlAsync("label", "ingress", "web", "-n", ns, "second=writer")).Succeeded);

        var replace = await emulator.RunKubectlWithInputAsync(stale, "replace", "-f", "-");

        Assert.False(replace.Succeeded);
        Assert.Contains(
            "Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on ingresses.networking.k8s.io \"web\": the object has been modified; please apply your changes to the latest version and try again",
            replace.StandardError,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_an_ingress_without_path_type_is_invalid()
    {
        var ns = await emulator.CreateNamespaceAsync("invalid");
        var manifest = System.Text.RegularExpressions.Regex.Replace(Manifests.Ingress(ns, "web", "web.example.test"), @"\n *pathType: Prefix", string.Empty);
        Assert.DoesNotContain("pathType", manifest, StringComparison.Ordinal);

        var result = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");

        Assert.False(result.Succeeded);
        Assert.Contains("spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_output_prints_a_table()
    {
        var ns = await emulator.CreateNamespaceAsync("table");
        await ApplyAsync(Manifests.Ingress(ns, "web", "web.example.test"));

        var result = await emulator.RunKubectlAsync("get", "ingress", "-n", ns);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Matches(@"NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE", result.StandardOutput);
        Assert.Matches(@"web\s+<none>\s+web\.example\.test", result.StandardOutput);
    }

    [Fact]
    public async Task Typed_create_commands_send_protobuf_and_work()
    {
        var ns = "typed-" + Guid.NewGuid().ToString("N")[..8];
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=typed.example.test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(emulator.WorkDirectory, ns + ".crt");
        var keyPath = Path.Combine(emulator.WorkDirectory, ns + ".key");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

        var results = new[]
        {
            await emulator.RunKubectlAsync("create", "namespace", ns),
            await emulator.RunKubectlAsync("create", "secret", "tls", "web-tls", "-n", ns, "--cert=" + certPath, "--key=" + keyPath),
            await emulator.RunKubectlAsync("create", "service", "externalname", "responder", "-n", ns, "--external-name=127.0.0.1"),
            await emulator.RunKubectlAsync("create", "ingress", "web", "-n", ns, "--class=nginx", "--rule=typed.example.test/*=responder:8080,tls=web-tls"),
        };

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var secret = JsonNode.Parse((await emulator.RunKubectlAsync("get", "secret", "web-tls", "-n", ns, "-o", "json")).StandardOutput)!;
        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        Assert.Equal(certificate.ExportCertificatePem(), System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!)).TrimEnd());
        var ingress = JsonNode.Parse((await emulator.RunKubectlAsync("get", "ingress", "web", "-n", ns, "-o", "json")).StandardOutput)!;
        Assert.Equal(
            """{"ingressClassName":"nginx","rules":[{"host":"typed.example.test","http":{"paths":[{"backend":{"service":{"name":"responder","port":{"number":8080}}},"path":"/","pathType":"Prefix"}]}}],"tls":[{"hosts":["typed.example.test"],"secretName":"web-tls"}]}""",
            ingress["spec"]!.ToJsonString());
    }

    private async Task ApplyAsync(string manifest)
    {
        var result = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");
        Assert.True(result.Succeeded, result.ToString());
    }
}

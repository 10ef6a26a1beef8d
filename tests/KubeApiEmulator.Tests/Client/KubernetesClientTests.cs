using System.Net;
using System.Text;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeApiEmulator.Tests.Client;

/// <summary>KubernetesClient against the emulator, connected from the kubeconfig exactly as to a real cluster.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class KubernetesClientTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Generation_is_bumped_by_spec_changes_only()
    {
        var ns = await emulator.CreateNamespaceAsync("generation");
        using var client = emulator.CreateKubernetesClient();
        var created = await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web", "gen.example.test"), ns);

        var labelled = await client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "web", ns);
        var respec = await client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"spec":{"ingressClassName":"nginx"}}""", V1Patch.PatchType.StrategicMergePatch), "web", ns);

        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(1, labelled.Metadata.Generation);
        Assert.Equal(2, respec.Metadata.Generation);
        Assert.True(long.Parse(respec.Metadata.ResourceVersion) > long.Parse(labelled.Metadata.ResourceVersion));
        Assert.Equal(created.Metadata.Uid, respec.Metadata.Uid);
    }

    [Fact]
    public async Task Replace_after_a_second_writer_fails_with_conflict()
    {
        var ns = await emulator.CreateNamespaceAsync("conflict");
        using var client = emulator.CreateKubernetesClient();
        await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web", "conflict.example.test"), ns);
        var mine = await client.NetworkingV1.ReadNamespacedIngressAsync("web", ns);
        var theirs = await client.NetworkingV1.ReadNamespacedIngressAsync("web", ns);
        theirs.Metadata.Labels = new Dictionary<string, string> { ["writer"] = "second" };
        await client.NetworkingV1.ReplaceNamespacedIngressAsync(theirs, "web", ns);

        mine.Spec.IngressClassName = "nginx";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.NetworkingV1.ReplaceNamespacedIngressAsync(mine, "web", ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal("ingresses", status.Details.Kind);
        Assert.Equal("networking.k8s.io", status.Details.Group);
    }

    [Fact]
    public async Task Json_patch_guarded_by_resource_version_fails_when_stale_and_applies_when_fresh()
    {
        var ns = await emulator.CreateNamespaceAsync("guard");
        using var client = emulator.CreateKubernetesClient();
        var created = await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web", "guard.example.test"), ns);
        await client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""{"metadata":{"labels":{"x":"1"}}}""", V1Patch.PatchType.MergePatch), "web", ns);

        string Guarded(string rv) => $$"""
            [{"op":"test","path":"/metadata/resourceVersion","value":"{{rv}}"},
             {"op":"add","path":"/spec/tls","value":[{"hosts":["guard.example.test"],"secretName":"guard-tls"}]}]
            """;
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch(Guarded(created.Metadata.ResourceVersion), V1Patch.PatchType.JsonPatch), "web", ns));
        var current = await client.NetworkingV1.ReadNamespacedIngressAsync("web", ns);
        var applied = await client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch(Guarded(current.Metadata.ResourceVersion), V1Patch.PatchType.JsonPatch), "web", ns);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.Response.StatusCode);
        Assert.Equal("guard-tls", Assert.Single(applied.Spec.Tls).SecretName);
    }

    [Fact]
    public async Task Merge_patch_carrying_a_stale_resource_version_fails_with_conflict()
    {
        var ns = await emulator.CreateNamespaceAsync("mergerv");
        using var client = emulator.CreateKubernetesClient();
        var created = await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress("web", "mergerv.example.test"), ns);
        await client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""{"metadata":{"labels":{"x":"1"}}}""", V1Patch.PatchType.MergePatch), "web", ns);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("{\"metadata\":{\"resourceVersion\":\"" + created.Metadata.ResourceVersion + "\",\"labels\":{\"y\":\"2\"}}}", V1Patch.PatchType.MergePatch), "web", ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Create_twice_fails_with_already_exists()
    {
        var ns = await emulator.CreateNamespaceAsync("exists");
        using var client = emulator.CreateKubernetesClient();
        await client.CoreV1.CreateNamespacedSecretAsync(Secret("s", "Opaque", new() { ["a"] = "b" }), ns);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedSecretAsync(Secret("s", "Opaque", new() { ["a"] = "b" }), ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("secrets \"s\" already exists", status.Message);
    }

    [Fact]
    public async Task Tls_secret_without_its_keys_is_invalid_with_causes()
    {
        var ns = await emulator.CreateNamespaceAsync("tls");
        using var client = emulator.CreateKubernetesClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.CreateNamespacedSecretAsync(Secret("cert", "kubernetes.io/tls", new() { ["tls.crt"] = "x" }), ns));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Secret \"cert\" is invalid: data[tls.key]: Required value", status.Message);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal("FieldValueRequired", cause.Reason);
        Assert.Equal("data[tls.key]", cause.Field);
    }

    [Fact]
    public async Task Tls_secret_round_trips_its_bytes()
    {
        var ns = await emulator.CreateNamespaceAsync("tlsok");
        using var client = emulator.CreateKubernetesClient();
        var chain = "-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nintermediate\n-----END CERTIFICATE-----\n";

        await client.CoreV1.CreateNamespacedSecretAsync(Secret("cert", "kubernetes.io/tls", new() { ["tls.crt"] = chain, ["tls.key"] = "key" }), ns);
        var read = await client.CoreV1.ReadNamespacedSecretAsync("cert", ns);

        Assert.Equal(chain, Encoding.UTF8.GetString(read.Data["tls.crt"]));
        Assert.Equal("kubernetes.io/tls", read.Type);
    }

    [Fact]
    public async Task GenerateName_creates_a_unique_name()
    {
        var ns = await emulator.CreateNamespaceAsync("genname");
        using var client = emulator.CreateKubernetesClient();
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = "web." },
            InvolvedObject = new V1ObjectReference { Kind = "Ingress", Name = "web", NamespaceProperty = ns, ApiVersion = "networking.k8s.io/v1" },
            Reason = "CertificateIssued",
            Message = "issued",
            Type = "Normal",
            Source = new V1EventSource { Component = "certfunctions" },
        };

        var first = await client.CoreV1.CreateNamespacedEventAsync(body, ns);
        var second = await client.CoreV1.CreateNamespacedEventAsync(body, ns);

        Assert.Matches(@"^web\.[bcdfghjklmnpqrstvwxz2456789]{5}$", first.Metadata.Name);
        Assert.NotEqual(first.Metadata.Name, second.Metadata.Name);
        var list = await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=web,reason=CertificateIssued");
        Assert.Equal(2, list.Items.Count);
    }

    [Fact]
    public async Task Events_api_reads_core_events_in_its_own_shape()
    {
        var ns = await emulator.CreateNamespaceAsync("events");
        using var client = emulator.CreateKubernetesClient();
        var created = await client.EventsV1.CreateNamespacedEventAsync(
            new Eventsv1Event
            {
                Metadata = new V1ObjectMeta { Name = "web.1" },
                EventTime = DateTime.UtcNow,
                ReportingController = "certfunctions.example/issuer",
                ReportingInstance = "instance-1",
                Action = "Issue",
                Reason = "CertificateIssued",
                Note = "issued",
                Type = "Normal",
                Regarding = new V1ObjectReference { Kind = "Ingress", Name = "web", NamespaceProperty = ns },
            },
            ns);

        var core = await client.CoreV1.ReadNamespacedEventAsync("web.1", ns);
        var invalid = await Assert.ThrowsAsync<HttpOperationException>(() => client.EventsV1.CreateNamespacedEventAsync(
            new Eventsv1Event { Metadata = new V1ObjectMeta { Name = "web.2" }, EventTime = DateTime.UtcNow, Type = "Normal" }, ns));

        Assert.Equal("issued", created.Note);
        Assert.Equal("issued", core.Message);
        Assert.Equal("web", core.InvolvedObject.Name);
        Assert.Equal("certfunctions.example/issuer", core.ReportingComponent);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Response.StatusCode);
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue_across_namespaces()
    {
        var ns = await emulator.CreateNamespaceAsync("pages");
        using var client = emulator.CreateKubernetesClient();
        for (var i = 0; i < 12; i++)
        {
            await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress($"ing-{i:00}", $"h{i}.pages.example.test", label: ns), ns);
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: "page-test=" + ns, limit: 5, continueParameter: token);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"ing-{i:00}"), names);
        Assert.True(pages >= 3);
        var first = await client.NetworkingV1.ListNamespacedIngressAsync(ns, limit: 5);
        Assert.Equal(7, first.Metadata.RemainingItemCount);
    }

    [Fact]
    public async Task Continued_pages_read_the_snapshot_of_the_first_page()
    {
        var ns = await emulator.CreateNamespaceAsync("snapshot");
        using var client = emulator.CreateKubernetesClient();
        foreach (var name in new[] { "s-a", "s-c", "s-d", "s-e" })
        {
            await client.CoreV1.CreateNamespacedSecretAsync(Secret(name, "Opaque", new() { ["v"] = "1" }), ns);
        }

        var first = await client.CoreV1.ListNamespacedSecretAsync(ns, limit: 1);
        await client.CoreV1.DeleteNamespacedSecretAsync("s-c", ns);
        await client.CoreV1.CreateNamespacedSecretAsync(Secret("s-b", "Opaque", new() { ["v"] = "new" }), ns);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"changed":"yes"}}}""", V1Patch.PatchType.MergePatch), "s-d", ns);
        var rest = await client.CoreV1.ListNamespacedSecretAsync(ns, continueParameter: first.Metadata.ContinueProperty);
        var now = await client.CoreV1.ListNamespacedSecretAsync(ns);

        Assert.Equal(["s-a"], first.Items.Select(s => s.Metadata.Name));
        Assert.Equal(["s-c", "s-d", "s-e"], rest.Items.Select(s => s.Metadata.Name));
        Assert.Null(rest.Items[1].Metadata.Labels);
        Assert.Equal(first.Metadata.ResourceVersion, rest.Metadata.ResourceVersion);
        Assert.Equal(["s-a", "s-b", "s-d", "s-e"], now.Items.Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task Reading_a_missing_object_fails_with_not_found()
    {
        var ns = await emulator.CreateNamespaceAsync("missing");
        using var client = emulator.CreateKubernetesClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.NetworkingV1.ReadNamespacedIngressAsync("nope", ns));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("ingresses.networking.k8s.io \"nope\" not found", status.Message);
        Assert.Equal("NotFound", status.Reason);
    }

    [Fact]
    public async Task Watch_reports_changes_after_a_resource_version()
    {
        var ns = await emulator.CreateNamespaceAsync("watch");
        using var client = emulator.CreateKubernetesClient();
        var start = await client.CoreV1.ListNamespacedSecretAsync(ns);
        await client.CoreV1.CreateNamespacedSecretAsync(Secret("w", "Opaque", new() { ["a"] = "1" }), ns);
        await client.CoreV1.DeleteNamespacedSecretAsync("w", ns);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<(WatchEventType, string)>();
        var watch = client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: start.Metadata.ResourceVersion, cancellationToken: timeout.Token);
        await foreach (var (type, item) in watch)
        {
            events.Add((type, item.Metadata.Name));
            if (events.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Deleted, "w")], events);
    }

    private static V1Ingress Ingress(string name, string host, string? label = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = label is null ? null : new Dictionary<string, string> { ["page-test"] = label } },
        Spec = new V1IngressSpec
        {
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } },
                            },
                        ],
                    },
                },
            ],
        },
    };

    private static V1Secret Secret(string name, string type, Dictionary<string, string> data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Type = type,
        Data = data.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)),
    };
}

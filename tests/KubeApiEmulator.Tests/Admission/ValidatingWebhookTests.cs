using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Admission;

/// <summary>Validating admission webhooks called as kube-apiserver calls them: the review, rules, selectors, conditions, policies and TLS.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ValidatingWebhookTests(KubeApiEmulatorFixture emulator) : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_create_sends_an_AdmissionReview_v1_with_the_object_as_it_will_be_stored()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-create");
        Assert.Equal(HttpStatusCode.Created, (await world.AddConfigurationAsync(WebhookWorld.Webhook("review.example.test", new Uri(_server.Url, "/hook/secret"), _server.CaBundle))).Code);

        var created = await world.CreateIngressAsync("web", """{"certfunctions.io/enabled":"true"}""");

        Assert.Equal(HttpStatusCode.Created, created.Code);
        var (path, query, review) = Assert.Single(_server.Received, r => (string?)r.Review["request"]!["namespace"] == world.Namespace);
        Assert.Equal("/hook/secret", path);
        Assert.Equal("?timeout=5s", query);
        Assert.Equal("admission.k8s.io/v1", (string?)review["apiVersion"]);
        Assert.Equal("AdmissionReview", (string?)review["kind"]);
        var request = review["request"]!;
        Assert.False(string.IsNullOrEmpty((string?)request["uid"]));
        Assert.Equal("CREATE", (string?)request["operation"]);
        Assert.Equal("web", (string?)request["name"]);
        Assert.Equal("Ingress", (string?)request["kind"]!["kind"]);
        Assert.Equal("networking.k8s.io", (string?)request["resource"]!["group"]);
        Assert.Equal("ingresses", (string?)request["resource"]!["resource"]);
        Assert.Equal("kubernetes-admin", (string?)request["userInfo"]!["username"]);
        Assert.Contains("system:masters", request["userInfo"]!["groups"]!.AsArray().Select(g => (string?)g));
        Assert.Null(request["oldObject"]);
        Assert.False((bool)request["dryRun"]!);
        Assert.Equal("CreateOptions", (string?)request["options"]!["kind"]);
        Assert.Equal(created.Body["metadata"]!["uid"]!.ToString(), (string?)request["object"]!["metadata"]!["uid"]);
        Assert.Equal(1, (long)request["object"]!["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task The_shipped_manifest_reviews_opted_in_ingress_and_gateway_writes_and_nothing_else()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-shipped");
        var template = (await File.ReadAllTextAsync(Path.Combine(CertFunctions.Testing.Processes.ProgramLocator.RepositoryRoot, "infra", "k8s", "admission-webhook.yaml.template")))
            .Replace("https://APP_HOST/api/admission/CLUSTER_NAME/WEBHOOK_SECRET", new Uri(_server.Url, "/hook/shipped").ToString(), StringComparison.Ordinal);
        var converted = await emulator.RunKubectlWithInputAsync(template, "create", "--dry-run=client", "-o", "json", "-f", "-");
        Assert.True(converted.ExitCode == 0, converted.StandardError);
        var webhooks = JsonNode.Parse(converted.StandardOutput)!["webhooks"]!.AsArray().Select(w =>
        {
            var webhook = w!.DeepClone().AsObject();
            webhook["clientConfig"]!["caBundle"] = _server.CaBundle;
            return webhook;
        }).ToArray();
        Assert.Equal(2, webhooks.Length);
        Assert.Equal(HttpStatusCode.Created, (await world.AddConfigurationAsync(webhooks)).Code);

        await world.CreateIngressAsync("in", """{"certfunctions.io/enabled":"true"}""");
        await world.CreateIngressAsync("out");
        foreach (var (name, optIn) in new[] { ("edge-in", "true"), ("edge-out", "false") })
        {
            var gateway = await emulator.ApiClient.PostJsonAsync($"/apis/gateway.networking.k8s.io/v1/namespaces/{world.Namespace}/gateways", $$$"""
                {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"{{{name}}}","annotations":{"certfunctions.io/enabled":"{{{optIn}}}"}},
                 "spec":{"gatewayClassName":"any","listeners":[{"name":"http","protocol":"HTTP","port":80}]}}
                """);
            Assert.Equal(HttpStatusCode.Created, gateway.Code);
        }

        var reviewed = _server.RequestsIn(world.Namespace)
            .Select(r => $"{(string?)r["resource"]!["group"]}/{(string?)r["resource"]!["resource"]} {(string?)r["operation"]} {(string?)r["name"]}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["gateway.networking.k8s.io/gateways CREATE edge-in", "networking.k8s.io/ingresses CREATE in"], reviewed);
    }

    [Fact]
    public async Task An_update_sends_the_old_object_and_the_new_generation()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-update");
        await world.CreateIngressAsync("web");
        await world.AddConfigurationAsync(WebhookWorld.Webhook("review.example.test", _server.Url, _server.CaBundle));

        var patched = await emulator.ApiClient.PatchAsync($"/apis/networking.k8s.io/v1/namespaces/{world.Namespace}/ingresses/web",
            "{\"spec\":{\"rules\":[{\"host\":\"other." + world.Namespace + ".webhook.test\"}]}}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patched.Code);
        var request = Assert.Single(_server.RequestsIn(world.Namespace));
        Assert.Equal("UPDATE", (string?)request["operation"]);
        Assert.Equal("PatchOptions", (string?)request["options"]!["kind"]);
        Assert.Equal(1, (long)request["oldObject"]!["metadata"]!["generation"]!);
        Assert.Equal(2, (long)request["object"]!["metadata"]!["generation"]!);
        Assert.Equal($"other.{world.Namespace}.webhook.test", (string?)request["object"]!["spec"]!["rules"]![0]!["host"]);
    }

    [Fact]
    public async Task A_denial_fails_the_write_with_the_webhooks_status_and_stores_nothing()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-deny");
        _server.Answer = request => new JsonObject
        {
            ["uid"] = (string?)request["uid"],
            ["allowed"] = false,
            ["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = "hosts must end in .example.com" },
        };
        await world.AddConfigurationAsync(WebhookWorld.Webhook("policy.example.test", _server.Url, _server.CaBundle));

        var created = await world.CreateIngressAsync("web");
        var read = await emulator.ApiClient.GetAsync($"/apis/networking.k8s.io/v1/namespaces/{world.Namespace}/ingresses/web", null);

        Assert.Equal(HttpStatusCode.Forbidden, created.Code);
        Assert.Equal("admission webhook \"policy.example.test\" denied the request: hosts must end in .example.com", created.Message);
        Assert.Equal(HttpStatusCode.NotFound, read.Code);
    }

    [Fact]
    public async Task Kubectl_shows_a_denial_and_the_webhooks_warnings()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-kubectl");
        _server.Answer = request => new JsonObject
        {
            ["uid"] = (string?)request["uid"],
            ["allowed"] = ((string?)request["name"]) != "denied",
            ["warnings"] = new JsonArray("checked by the test webhook"),
        };
        await world.AddConfigurationAsync(WebhookWorld.Webhook("policy.example.test", _server.Url, _server.CaBundle));

        var allowed = await emulator.RunKubectlWithInputAsync(Manifests.Ingress(world.Namespace, "allowed", $"allowed.{world.Namespace}.webhook.test"), "apply", "-f", "-");
        var denied = await emulator.RunKubectlWithInputAsync(Manifests.Ingress(world.Namespace, "denied", $"denied.{world.Namespace}.webhook.test"), "apply", "-f", "-");

        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("checked by the test webhook", allowed.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("admission webhook \"policy.example.test\" denied the request without explanation", denied.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_leave_out_other_resources_and_the_status_subresource()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-rules");
        await world.AddConfigurationAsync(WebhookWorld.Webhook("review.example.test", _server.Url, _server.CaBundle));

        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{world.Namespace}/secrets", """{"metadata":{"name":"s"},"stringData":{"a":"b"}}""");
        await world.CreateIngressAsync("web");
        var status = await emulator.ApiClient.PatchAsync($"/apis/networking.k8s.io/v1/namespaces/{world.Namespace}/ingresses/web/status",
            """{"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status.Code);
        Assert.Equal(["CREATE"], _server.RequestsIn(world.Namespace).Select(r => (string?)r["operation"]));
    }

    [Fact]
    public async Task Namespace_and_object_selectors_choose_what_is_sent()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-select");
        var webhook = WebhookWorld.Webhook("review.example.test", _server.Url, _server.CaBundle);
        webhook["objectSelector"] = new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "tier", ["operator"] = "In", ["values"] = new JsonArray("web", "api") }),
        };
        await world.AddConfigurationAsync(webhook);
        var other = await emulator.CreateNamespaceAsync("vwh-unselected");

        await world.CreateIngressAsync("unlabelled");
        await world.CreateIngressAsync("labelled", labels: """{"tier":"api"}""");
        await emulator.ApiClient.PostJsonAsync($"/apis/networking.k8s.io/v1/namespaces/{other}/ingresses",
            "{\"metadata\":{\"name\":\"elsewhere\",\"labels\":{\"tier\":\"api\"}},\"spec\":{\"rules\":[{\"host\":\"elsewhere." + other + ".webhook.test\"}]}}");

        Assert.Equal(["labelled"], _server.RequestsIn(world.Namespace).Select(r => (string?)r["name"]));
        Assert.Empty(_server.RequestsIn(other));
    }

    [Fact]
    public async Task Match_conditions_on_annotations_decide_which_writes_are_sent()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-cel");
        var webhook = WebhookWorld.Webhook("review.example.test", _server.Url, _server.CaBundle);
        webhook["matchConditions"] = new JsonArray(new JsonObject
        {
            ["name"] = "opted-in",
            ["expression"] = "has(object.metadata.annotations) && ('certfunctions.io/enabled' in object.metadata.annotations || " +
                "object.metadata.annotations['kubernetes.io/tls-acme'] == 'true')",
        });
        await world.AddConfigurationAsync(webhook);

        await world.CreateIngressAsync("plain");
        await world.CreateIngressAsync("other", """{"team":"a"}""");
        await world.CreateIngressAsync("enabled", """{"certfunctions.io/enabled":"true"}""");
        await world.CreateIngressAsync("acme", """{"kubernetes.io/tls-acme":"true"}""");

        Assert.Equal(["enabled", "acme"], _server.RequestsIn(world.Namespace).Select(r => (string?)r["name"]));
    }

    [Fact]
    public async Task A_match_condition_error_fails_open_or_closed_by_the_failure_policy()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-celerr");
        var ignoring = WebhookWorld.Webhook("ignore.example.test", _server.Url, _server.CaBundle, "Ignore");
        ignoring["matchConditions"] = new JsonArray(new JsonObject { ["name"] = "missing", ["expression"] = "object.metadata.annotations['absent'] == 'x'" });
        await world.AddConfigurationAsync(ignoring);

        var created = await world.CreateIngressAsync("web", """{"a":"b"}""");

        Assert.Equal(HttpStatusCode.Created, created.Code);
        Assert.Empty(_server.RequestsIn(world.Namespace));

        var failing = WebhookWorld.Webhook("fail.example.test", _server.Url, _server.CaBundle, "Fail");
        failing["matchConditions"] = new JsonArray(new JsonObject { ["name"] = "missing", ["expression"] = "object.metadata.annotations['absent'] == 'x'" });
        await world.AddConfigurationAsync(failing);
        var refused = await world.CreateIngressAsync("web2", """{"a":"b"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, refused.Code);
        Assert.Contains("failed calling webhook \"fail.example.test\": failed to evaluate match conditions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_that_times_out_is_ignored_with_Ignore_and_fails_the_write_with_Fail()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-timeout");
        _server.Delay = TimeSpan.FromSeconds(3);
        var ignoring = WebhookWorld.Webhook("slow.example.test", _server.Url, _server.CaBundle, "Ignore");
        ignoring["timeoutSeconds"] = 1;
        await world.AddConfigurationAsync(ignoring);

        var ignored = await world.CreateIngressAsync("ignored");

        var failing = WebhookWorld.Webhook("slow-fail.example.test", _server.Url, _server.CaBundle, "Fail");
        failing["timeoutSeconds"] = 1;
        await world.AddConfigurationAsync(failing);
        var failed = await world.CreateIngressAsync("failed");
        var read = await emulator.ApiClient.GetAsync($"/apis/networking.k8s.io/v1/namespaces/{world.Namespace}/ingresses/failed", null);

        Assert.Equal(HttpStatusCode.Created, ignored.Code);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Code);
        Assert.Equal("InternalError", failed.Reason);
        Assert.StartsWith("Internal error occurred: failed calling webhook \"slow-fail.example.test\": failed to call webhook: Post \"", failed.Message, StringComparison.Ordinal);
        Assert.EndsWith("?timeout=1s\": context deadline exceeded", failed.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, read.Code);
    }

    [Fact]
    public async Task The_server_certificate_must_chain_to_the_caBundle_or_the_system_roots()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-tls");
        await using var stranger = await WebhookServer.StartAsync();
        await world.AddConfigurationAsync(
            WebhookWorld.Webhook("wrong-ca.example.test", _server.Url, stranger.CaBundle),
            WebhookWorld.Webhook("system-roots.example.test", new Uri(_server.Url, "/roots"), null));

        var refused = await world.CreateIngressAsync("web");

        Assert.Equal(HttpStatusCode.InternalServerError, refused.Code);
        Assert.Contains("failed calling webhook", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_server.RequestsIn(world.Namespace));
    }

    [Fact]
    public async Task A_dry_run_is_sent_with_dryRun_true_and_stores_nothing()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-dry");
        await world.AddConfigurationAsync(WebhookWorld.Webhook("review.example.test", _server.Url, _server.CaBundle));

        var created = await world.CreateIngressAsync("web", query: "?dryRun=All");
        var read = await emulator.ApiClient.GetAsync($"/apis/networking.k8s.io/v1/namespaces/{world.Namespace}/ingresses/web", null);

        Assert.Equal(HttpStatusCode.Created, created.Code);
        Assert.True((bool)Assert.Single(_server.RequestsIn(world.Namespace))["dryRun"]!);
        Assert.Equal(HttpStatusCode.NotFound, read.Code);
    }

    [Fact]
    public async Task A_wrong_uid_in_the_answer_is_a_failed_call()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-uid");
        _server.Answer = _ => new JsonObject { ["uid"] = "not-the-request", ["allowed"] = true };
        await world.AddConfigurationAsync(WebhookWorld.Webhook("review.example.test", _server.Url, _server.CaBundle));

        var refused = await world.CreateIngressAsync("web");

        Assert.Equal(HttpStatusCode.InternalServerError, refused.Code);
        Assert.Contains("received invalid webhook response: expected response.uid=", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configurations_are_validated_as_a_real_server_validates_them()
    {
        await using var world = await WebhookWorld.CreateAsync(emulator, "vwh-valid");
        var withQuery = WebhookWorld.Webhook("query.example.test", new Uri(_server.Url, "/hook?key=x"), _server.CaBundle);
        var sideEffects = WebhookWorld.Webhook("effects.example.test", _server.Url, _server.CaBundle);
        sideEffects["sideEffects"] = "Some";
        var badCel = WebhookWorld.Webhook("cel.example.test", _server.Url, _server.CaBundle);
        badCel["matchConditions"] = new JsonArray(new JsonObject { ["name"] = "x", ["expression"] = "object.metadata.name ==" });

        var answer = await world.AddConfigurationAsync(withQuery, sideEffects, badCel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        var causes = answer.Body["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).ToList();
        Assert.Contains("webhooks[0].clientConfig.url", causes);
        Assert.Contains("webhooks[1].sideEffects", causes);
        Assert.Contains("webhooks[2].matchConditions[0].expression", causes);
    }

    [Fact]
    public async Task Kubectl_applies_and_lists_webhook_configurations()
    {
        var name = "kubectl-" + Guid.NewGuid().ToString("N")[..8];
        var manifest = $"""
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata:
              name: {name}
            webhooks:
            - name: review.example.test
              clientConfig:
                url: {_server.Url}hook
              rules:
              - operations: ["CREATE"]
                apiGroups: ["networking.k8s.io"]
                apiVersions: ["v1"]
                resources: ["ingresses"]
              namespaceSelector:
                matchLabels:
                  webhook-test: nobody
              failurePolicy: Ignore
              sideEffects: None
              admissionReviewVersions: ["v1"]
            """;

        var applied = await emulator.RunKubectlWithInputAsync(manifest, "apply", "-f", "-");
        var listed = await emulator.RunKubectlAsync("get", "validatingwebhookconfigurations", name, "-o", "name");
        var deleted = await emulator.RunKubectlAsync("delete", "validatingwebhookconfiguration", name);

        Assert.True(applied.ExitCode == 0, applied.StandardError);
        Assert.Equal("validatingwebhookconfiguration.admissionregistration.k8s.io/" + name, listed.StandardOutput.Trim());
        Assert.Equal(0, deleted.ExitCode);
    }
}

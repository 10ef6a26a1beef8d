using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Admission;

/// <summary>
/// The emulator calls the real local host's webhook over HTTPS (caBundle) as installed from infra/k8s, with real Pebble:
/// a kubectl apply alone gets the certificate; refused writes and strangers change nothing.
/// </summary>
public sealed class AdmissionWebhookEndToEndTests(WebhookWorldFixture fixture) : IClassFixture<WebhookWorldFixture>
{
    private LocalWorld World => fixture.Webhook.World;

    [Fact]
    public async Task A_kubectl_apply_of_a_new_opted_in_ingress_gets_its_secret_with_nobody_calling_the_api()
    {
        var ns = await IngressSeeder.SeedAsync(World, "shop", ["shop.webhook.example.test"], namespacePrefix: "webhook");

        var secret = await WaitForSecretAsync(ns, "shop-tls", TimeSpan.FromSeconds(90));

        Assert.True(secret is not null, "no Secret after the apply\n" + World.Host!.RecentOutput);
        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret!["data"]!["tls.crt"]!));
        using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        Assert.Equal(["shop.webhook.example.test"], leaf.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        var ingress = await E2E.GetJsonAsync(World, "get", "ingress", "shop", "-n", ns);
        Assert.Equal("shop-tls", (string?)ingress["spec"]!["tls"]![0]!["secretName"]);
    }

    [Fact]
    public async Task An_issuer_changed_with_kubectl_alone_reissues_from_the_new_issuer()
    {
        var ns = await IngressSeeder.SeedAsync(World, "move", ["move.webhook.example.test"], namespacePrefix: "webhook");
        var first = await WaitForSecretAsync(ns, "move-tls", TimeSpan.FromSeconds(90));
        Assert.True(first is not null, "no Secret after the apply\n" + World.Host!.RecentOutput);
        Assert.Equal("default", (string?)first!["metadata"]!["annotations"]!["certfunctions.io/issuer"]);

        // The first run ends before the switch here; a switch made while it runs is the next test.
        var firstRun = await WaitForEndAsync(new CertificateRef("default", ns, "move").InstanceId, TimeSpan.FromSeconds(60));
        Assert.Equal("Completed", (string?)firstRun["status"]);

        // An annotation change bumps no generation: the webhook still sees our annotation change and the run re-checks.
        var annotate = await World.Emulator.RunKubectlAsync("annotate", "ingress", "move", "-n", ns, "certfunctions.io/issuer=production");
        Assert.True(annotate.ExitCode == 0, annotate.StandardError);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        string? issuer = null;
        while (DateTime.UtcNow < deadline && issuer != "production")
        {
            await Task.Delay(250);
            var secret = await WaitForSecretAsync(ns, "move-tls", TimeSpan.FromSeconds(5));
            issuer = (string?)secret?["metadata"]?["annotations"]?["certfunctions.io/issuer"];
        }

        Assert.True(issuer == "production", $"the Secret is still from issuer {issuer}\n" + World.Host!.RecentOutput);
    }

    [Fact]
    public async Task An_issuer_changed_while_the_first_run_goes_on_is_not_lost()
    {
        var ns = await World.Emulator.CreateNamespaceAsync("webhook-mid");
        var id = new CertificateRef("default", ns, "mid").InstanceId;
        await IngressSeeder.SeedAsync(World, "mid", ["mid.webhook.example.test"], inNamespace: ns);
        await WaitForOperationAsync(id, TimeSpan.FromSeconds(30));

        // Annotated as soon as the first run exists: its start finds that run going and hands the write to it.
        var annotate = await World.Emulator.RunKubectlAsync("annotate", "ingress", "mid", "-n", ns, "certfunctions.io/issuer=production");
        Assert.True(annotate.ExitCode == 0, annotate.StandardError);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        string? issuer = null;
        while (DateTime.UtcNow < deadline && issuer != "production")
        {
            await Task.Delay(250);
            var secret = await WaitForSecretAsync(ns, "mid-tls", TimeSpan.FromSeconds(5));
            issuer = (string?)secret?["metadata"]?["annotations"]?["certfunctions.io/issuer"];
        }

        Assert.True(issuer == "production", $"the Secret is from issuer {issuer ?? "(none)"}\n" + World.Host!.RecentOutput);
    }

    [Fact]
    public async Task A_write_refused_after_the_webhook_ends_quietly_without_a_warning()
    {
        var ns = await World.Emulator.CreateNamespaceAsync("refused");
        var label = await World.Emulator.ApiClient.PatchAsync(
            new Uri(World.Emulator.ApiUri, $"/api/v1/namespaces/{ns}"),
            JsonContent("""{"metadata":{"labels":{"policy":"deny-all"}}}""", "application/merge-patch+json"));
        Assert.True(label.IsSuccessStatusCode);
        await DenyCreatesAsync(ns, "networking.k8s.io", "ingresses");

        var apply = await World.Emulator.RunKubectlWithInputAsync(IngressSeeder.IngressYaml(ns, "refused", ["refused.webhook.example.test"]), "apply", "-f", "-");
        Assert.NotEqual(0, apply.ExitCode);

        // Our webhook recorded the write: its run waits for an object that never appears, then ends with nothing reported.
        var id = new CertificateRef("default", ns, "refused").InstanceId;
        var final = await WaitForEndAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal("Completed", (string?)final["status"]);
        Assert.Equal("NotNeeded", (string?)final["progress"]?["step"] ?? (string?)final["customStatus"]?["step"]);
        var events = await E2E.GetJsonAsync(World, "get", "events", "-n", ns);
        Assert.Empty(events["items"]!.AsArray());
    }

    [Fact]
    public async Task A_kubectl_apply_of_an_opted_in_gateway_gets_its_secret_and_a_listener_added_later_gets_its_own_without_renewing_the_first()
    {
        var ns = await GatewaySeeder.SeedAsync(
            World, "edge", [GatewaySeeder.Http("http"), GatewaySeeder.Https("shop", "shop.gw-webhook.example.test", "edge-shop-tls")], namespacePrefix: "webhook-gw");

        var secret = await WaitForSecretAsync(ns, "edge-shop-tls", TimeSpan.FromSeconds(120));

        Assert.True(secret is not null, "no Secret after the apply\n" + World.Host!.RecentOutput);
        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret!["data"]!["tls.crt"]!));
        using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
        Assert.Equal(["shop.gw-webhook.example.test"], leaf.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());

        // The Gateway's own run (the one the API starts for {"namespace","gateway"}) did it, and it ends completed.
        var run = await WaitForEndAsync(CertificateRef.ForGateway("default", ns, "edge").InstanceId, TimeSpan.FromSeconds(60));
        Assert.True((string?)run["status"] == "Completed", E2E.Pretty(run));

        // A listener added by a second apply: its Secret is issued; the first Secret is fine and keeps its certificate.
        await GatewaySeeder.SeedAsync(World, "edge", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-webhook.example.test", "edge-shop-tls"),
            GatewaySeeder.Https("blog", "blog.gw-webhook.example.test", "edge-blog-tls"),
        ], inNamespace: ns);
        var blog = await WaitForSecretAsync(ns, "edge-blog-tls", TimeSpan.FromSeconds(120));
        Assert.True(blog is not null, "no Secret for the added listener\n" + World.Host!.RecentOutput);
        var second = await WaitForEndAsync(CertificateRef.ForGateway("default", ns, "edge").InstanceId, TimeSpan.FromSeconds(60));
        Assert.True((string?)second["status"] == "Completed", E2E.Pretty(second));
        var shop = await E2E.GetJsonAsync(World, "get", "secret", "edge-shop-tls", "-n", ns);
        Assert.Equal((string?)secret["data"]!["tls.crt"], (string?)shop["data"]!["tls.crt"]);
    }

    [Fact]
    public async Task A_gateway_write_refused_after_the_webhook_ends_quietly_without_a_warning()
    {
        var ns = await World.Emulator.CreateNamespaceAsync("refused-gw");
        var label = await World.Emulator.ApiClient.PatchAsync(
            new Uri(World.Emulator.ApiUri, $"/api/v1/namespaces/{ns}"),
            JsonContent("""{"metadata":{"labels":{"policy":"deny-all"}}}""", "application/merge-patch+json"));
        Assert.True(label.IsSuccessStatusCode);
        await DenyCreatesAsync(ns, "gateway.networking.k8s.io", "gateways");

        var apply = await World.Emulator.RunKubectlWithInputAsync(
            GatewaySeeder.Yaml(ns, "edge", [GatewaySeeder.Http("http"), GatewaySeeder.Https("shop", "shop.gw-refused.example.test", "edge-shop-tls")]), "apply", "-f", "-");
        Assert.NotEqual(0, apply.ExitCode);

        var final = await WaitForEndAsync(CertificateRef.ForGateway("default", ns, "edge").InstanceId, TimeSpan.FromSeconds(60));
        Assert.Equal("Completed", (string?)final["status"]);
        Assert.Equal("NotNeeded", (string?)final["progress"]?["step"] ?? (string?)final["customStatus"]?["step"]);
        var events = await E2E.GetJsonAsync(World, "get", "events", "-n", ns);
        Assert.Empty(events["items"]!.AsArray());
    }

    [Fact]
    public async Task A_call_without_the_secret_is_401_and_starts_nothing()
    {
        using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        var ns = "stranger-" + Guid.NewGuid().ToString("N")[..6];
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = "networking.k8s.io", ["version"] = "v1", ["kind"] = "Ingress" },
                ["operation"] = "CREATE",
                ["namespace"] = ns,
                ["name"] = "web",
                ["object"] = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = "web",
                        ["namespace"] = ns,
                        ["uid"] = "u",
                        ["generation"] = 1,
                        ["annotations"] = new JsonObject { ["certfunctions.io/enabled"] = "true" },
                    },
                },
            },
        };

        using var wrong = await client.PostAsync(new Uri(fixture.Webhook.HttpsUri, "/api/admission/default/" + new string('x', 64)), JsonContent(review.ToJsonString()));
        using var missing = await client.PostAsync(new Uri(fixture.Webhook.HttpsUri, "/api/admission/default/"), JsonContent(review.ToJsonString()));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, missing.StatusCode);
        using var operation = await World.Host!.Http.GetAsync("api/certificates/operations/" + new CertificateRef("default", ns, "web").InstanceId);
        Assert.Equal(HttpStatusCode.NotFound, operation.StatusCode);
    }

    [Fact]
    public async Task The_webhook_allows_and_ignores_a_dry_run()
    {
        var ns = await World.Emulator.CreateNamespaceAsync("dryrun");
        var apply = await World.Emulator.RunKubectlWithInputAsync(IngressSeeder.IngressYaml(ns, "dry", ["dry.webhook.example.test"]), "apply", "--dry-run=server", "-f", "-");

        Assert.True(apply.ExitCode == 0, apply.StandardError);
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var operation = await World.Host!.Http.GetAsync("api/certificates/operations/" + new CertificateRef("default", ns, "dry").InstanceId);
        Assert.Equal(HttpStatusCode.NotFound, operation.StatusCode);
    }

    /// <summary>A second webhook that refuses every create of <paramref name="resource"/> in <paramref name="ns"/> after ours allowed it.</summary>
    private async Task DenyCreatesAsync(string ns, string group, string resource)
    {
        var policy = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "ValidatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = $"deny-{resource}-{ns}" },
            ["webhooks"] = new JsonArray(new JsonObject
            {
                ["name"] = "deny.policy.example.test",
                // Nothing listens there: with failurePolicy Fail the write is refused after our webhook allowed it.
                ["clientConfig"] = new JsonObject { ["url"] = "https://127.0.0.1:1/deny" },
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["operations"] = new JsonArray("CREATE"),
                    ["apiGroups"] = new JsonArray(group),
                    ["apiVersions"] = new JsonArray("v1"),
                    ["resources"] = new JsonArray(resource),
                }),
                ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["policy"] = "deny-all" } },
                ["failurePolicy"] = "Fail",
                ["sideEffects"] = "None",
                ["admissionReviewVersions"] = new JsonArray("v1"),
            }),
        };
        using var created = await World.Emulator.ApiClient.PostAsync(
            new Uri(World.Emulator.ApiUri, "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations"), JsonContent(policy.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static StringContent JsonContent(string json, string mediaType = "application/json") =>
        new(json, System.Text.Encoding.UTF8, mediaType);

    private async Task<JsonObject?> WaitForSecretAsync(string ns, string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var result = await World.Emulator.RunKubectlAsync("get", "secret", name, "-n", ns, "-o", "json", "--ignore-not-found");
            if (result.ExitCode == 0 && result.StandardOutput.Trim().Length > 0)
            {
                return JsonNode.Parse(result.StandardOutput)!.AsObject();
            }

            await Task.Delay(250);
        }

        return null;
    }

    private async Task WaitForOperationAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var operation = await World.Host!.Http.GetAsync("api/certificates/operations/" + id);
            if (operation.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the webhook started no run for " + id + "\n" + World.Host!.RecentOutput);
    }

    private async Task<JsonObject> WaitForEndAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await World.Host!.Http.GetAsync("api/certificates/operations/" + id);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                if ((string?)last["status"] is "Completed" or "Failed" or "Terminated")
                {
                    return last;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"operation {id} did not end: {last?.ToJsonString()}\n{World.Host!.RecentOutput}");
    }
}

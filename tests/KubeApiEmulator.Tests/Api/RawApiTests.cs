using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;

namespace KubeApiEmulator.Tests.Api;

/// <summary>Raw HTTP against the API: Status shapes, authentication, discovery, decoding, preconditions.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RawApiTests(KubeApiEmulatorFixture emulator)
{
    private const string IngressJson = """
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},
         "spec":{"rules":[{"host":"raw.example.test","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
        """;

    [Fact]
    public async Task A_wrong_token_is_401_unauthorized_as_a_status()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.ApiUri, "/api/v1/namespaces"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");

        using var response = await emulator.ApiClient.SendAsync(request);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal("Unauthorized", (string?)status["reason"]);
        Assert.Equal("Unauthorized", (string?)status["message"]);
        Assert.Equal(401, (int?)status["code"]);
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });

        var body = await anonymous.GetStringAsync(new Uri(emulator.ApiUri, "/readyz"));

        Assert.Equal("ok", body);
    }

    [Fact]
    public async Task Discovery_lists_the_served_groups_and_resources()
    {
        var groups = JsonNode.Parse(await emulator.ApiClient.GetStringAsync("/apis"))!;
        var networking = JsonNode.Parse(await emulator.ApiClient.GetStringAsync("/apis/networking.k8s.io/v1"))!;
        var core = JsonNode.Parse(await emulator.ApiClient.GetStringAsync("/api/v1"))!;

        Assert.Equal(["networking.k8s.io", "events.k8s.io", "rbac.authorization.k8s.io", "admissionregistration.k8s.io", "gateway.networking.k8s.io"], groups["groups"]!.AsArray().Select(g => (string)g!["name"]!));
        Assert.Contains("ingresses/status", networking["resources"]!.AsArray().Select(r => (string)r!["name"]!));
        Assert.Equal(["namespaces", "namespaces/status", "namespaces/finalize", "secrets", "services", "services/status", "events", "serviceaccounts", "serviceaccounts/token"],
            core["resources"]!.AsArray().Select(r => (string)r!["name"]!));
    }

    [Fact]
    public async Task An_unknown_patch_type_is_415()
    {
        var ns = await emulator.CreateNamespaceAsync("raw415");
        await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", IngressJson);

        using var content = new StringContent("{}", Encoding.UTF8, "application/x-unknown-patch");
        using var response = await emulator.ApiClient.PatchAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web", content);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", (string?)status["reason"]);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404_for_the_namespace()
    {
        var (code, status) = await PostAsync("/apis/networking.k8s.io/v1/namespaces/does-not-exist/ingresses", IngressJson);

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"does-not-exist\" not found", (string?)status["message"]);
        Assert.Equal("namespaces", (string?)status["details"]!["kind"]);
    }

    [Fact]
    public async Task Invalid_ingress_reports_every_error_with_causes()
    {
        var ns = await emulator.CreateNamespaceAsync("rawinvalid");
        var body = """
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"bad"},
             "spec":{"rules":[{"host":"1.2.3.4","http":{"paths":[{"path":"nope","pathType":"Prefix","backend":{"service":{"name":"Web","port":{}}}},
                                                            {"path":"/x","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
            """;

        var (code, status) = await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
        // The server names the internal kind, which its scheme registers under extensions first.
        Assert.StartsWith("Ingress.extensions \"bad\" is invalid: [", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal("extensions", (string?)status["details"]!["group"]);
        var fields = status["details"]!["causes"]!.AsArray().Select(c => (string)c!["field"]!).ToList();
        Assert.Equal(
            [
                "spec.rules[0].host",
                "spec.rules[0].http.paths[0].path",
                "spec.rules[0].http.paths[0].backend.service.name",
                "spec.rules[0].http.paths[0].backend",
                "spec.rules[0].http.paths[1].pathType",
            ],
            fields);
        Assert.Equal("Ingress", (string?)status["details"]!["kind"]);
        Assert.Contains("Invalid value: \"1.2.3.4\": must be a DNS name, not an IP address", (string?)status["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_dropped_with_a_warning_by_default_and_rejected_when_strict()
    {
        var ns = await emulator.CreateNamespaceAsync("rawfields");
        var body = IngressJson.Replace("\"pathType\":\"Prefix\"", "\"pathType\":\"Prefix\",\"serviceName\":\"web\"", StringComparison.Ordinal);

        var (strictCode, strictStatus) = await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses?fieldValidation=Strict", body);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var warned = await emulator.ApiClient.PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", content);
        var stored = JsonNode.Parse(await warned.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, strictCode);
        Assert.Equal(
            "Ingress in version \"v1\" cannot be handled as a Ingress: strict decoding error: unknown field \"spec.rules[0].http.paths[0].serviceName\"",
            (string?)strictStatus["message"]);
        Assert.Equal(HttpStatusCode.Created, warned.StatusCode);
        Assert.Contains("299 - \"unknown field \\\"spec.rules[0].http.paths[0].serviceName\\\"\"", warned.Headers.GetValues("Warning"));
        Assert.Null(stored["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["serviceName"]);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_decoding_error()
    {
        var ns = await emulator.CreateNamespaceAsync("rawtype");
        var body = IngressJson.Replace("\"number\":80", "\"number\":\"80\"", StringComparison.Ordinal);

        var (code, status) = await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", body);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal(
            "Ingress in version \"v1\" cannot be handled as a Ingress: json: cannot unmarshal string into Go struct field ServiceBackendPort.spec.rules.http.paths.backend.service.port.number of type int32",
            (string?)status["message"]);
    }

    [Fact]
    public async Task Delete_with_a_stale_resource_version_precondition_is_a_conflict()
    {
        var ns = await emulator.CreateNamespaceAsync("rawdelete");
        var (_, created) = await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", IngressJson);
        var version = (string)created["metadata"]!["resourceVersion"]!;
        using (var label = new StringContent("""{"metadata":{"labels":{"a":"b"}}}""", Encoding.UTF8, "application/merge-patch+json"))
        {
            (await emulator.ApiClient.PatchAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web", label)).Dispose();
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web")
        {
            Content = new StringContent("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"resourceVersion\":\"" + version + "\"}}", Encoding.UTF8, "application/json"),
        };
        using var response = await emulator.ApiClient.SendAsync(request);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var delete = await emulator.ApiClient.DeleteAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web");
        var success = JsonNode.Parse(await delete.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("the ResourceVersion in the precondition", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("Success", (string?)success["status"]);
        Assert.Equal("ingresses", (string?)success["details"]!["kind"]);
    }

    [Fact]
    public async Task Dry_run_validates_without_storing()
    {
        var ns = await emulator.CreateNamespaceAsync("rawdry");

        var (code, _) = await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses?dryRun=All", IngressJson);
        using var get = await emulator.ApiClient.GetAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_objects()
    {
        var ns = await emulator.CreateNamespaceAsync("rawns");
        await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", IngressJson);

        using var delete = await emulator.ApiClient.DeleteAsync($"/api/v1/namespaces/{ns}");
        var list = JsonNode.Parse(await emulator.ApiClient.GetStringAsync($"/apis/networking.k8s.io/v1/ingresses?fieldSelector=metadata.namespace%3D{ns}"))!;
        using var protectedDelete = await emulator.ApiClient.DeleteAsync("/api/v1/namespaces/default");

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, protectedDelete.StatusCode);
    }

    [Fact]
    public async Task Audit_records_verb_group_resource_subresource_and_namespace()
    {
        var ns = await emulator.CreateNamespaceAsync("rawaudit");
        await emulator.ResetAuditAsync();
        await PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", IngressJson);
        (await emulator.ApiClient.GetAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web")).Dispose();
        (await emulator.ApiClient.GetAsync("/apis/networking.k8s.io/v1/ingresses?limit=1")).Dispose();
        using (var status = new StringContent("""{"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}}""", Encoding.UTF8, "application/merge-patch+json"))
        {
            (await emulator.ApiClient.PatchAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web/status", status)).Dispose();
        }

        (await emulator.ApiClient.DeleteAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web")).Dispose();

        // Only this test's requests: a watch another test opened is recorded when it ends, which may be now.
        var audit = (await emulator.GetAuditAsync()).Where(e => e.Verb != "watch" && (e.Namespace == ns || (e.Namespace.Length == 0 && e.Resource == "ingresses"))).ToList();

        Assert.Equal(
            [
                new KubeAuditEntry("create", "networking.k8s.io", "ingresses", "", ns, "", 201),
                new KubeAuditEntry("get", "networking.k8s.io", "ingresses", "", ns, "web", 200),
                new KubeAuditEntry("list", "networking.k8s.io", "ingresses", "", "", "", 200),
                new KubeAuditEntry("patch", "networking.k8s.io", "ingresses", "status", ns, "web", 200),
                new KubeAuditEntry("delete", "networking.k8s.io", "ingresses", "", ns, "web", 200),
            ],
            audit);
    }

    private async Task<(HttpStatusCode Code, JsonNode Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await emulator.ApiClient.PostAsync(path, content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Security;

/// <summary>Authentication by token and authorization by RBAC, with the real server's 403 wording.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RbacTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task A_request_without_a_token_is_403_for_system_anonymous()
    {
        var list = await Anonymous(HttpMethod.Get, "/api/v1/namespaces/default/secrets");
        var discovery = await Anonymous(HttpMethod.Get, "/api");
        var version = await Anonymous(HttpMethod.Get, "/version");

        Assert.Equal(HttpStatusCode.Forbidden, list.Code);
        Assert.Equal("Forbidden", list.Reason);
        Assert.Equal("secrets is forbidden: User \"system:anonymous\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"", list.Message);
        Assert.Equal("secrets", (string?)list.Body["details"]!["kind"]);
        Assert.Equal(HttpStatusCode.Forbidden, discovery.Code);
        Assert.Equal("forbidden: User \"system:anonymous\" cannot get path \"/api\"", discovery.Message);
        Assert.Equal(HttpStatusCode.OK, version.Code);
    }

    [Fact]
    public async Task A_service_account_without_bindings_may_discover_but_not_list()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacnone");
        var token = await ServiceAccountTokenAsync(ns, "bot");

        var discovery = await As(token, HttpMethod.Get, "/apis/networking.k8s.io/v1");
        var list = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets");

        Assert.Equal(HttpStatusCode.OK, discovery.Code);
        Assert.Equal(HttpStatusCode.Forbidden, list.Code);
        Assert.Equal($"secrets is forbidden: User \"system:serviceaccount:{ns}:bot\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"", list.Message);
    }

    [Fact]
    public async Task A_role_binding_allows_its_verbs_in_its_namespace_only()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacrole");
        var other = await emulator.CreateNamespaceAsync("rbacother");
        var token = await ServiceAccountTokenAsync(ns, "bot");
        await GrantAsync(ns, "bot", """{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list","watch"]}""");

        var list = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets");
        var elsewhere = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{other}/secrets");
        var create = await As(token, HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"x"}}""");
        var everywhere = await As(token, HttpMethod.Get, "/api/v1/secrets");

        Assert.Equal(HttpStatusCode.OK, list.Code);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.Code);
        Assert.Equal(HttpStatusCode.Forbidden, create.Code);
        Assert.Equal($"secrets is forbidden: User \"system:serviceaccount:{ns}:bot\" cannot create resource \"secrets\" in API group \"\" in the namespace \"{ns}\"", create.Message);
        Assert.Equal($"secrets is forbidden: User \"system:serviceaccount:{ns}:bot\" cannot list resource \"secrets\" in API group \"\" at the cluster scope", everywhere.Message);
    }

    [Fact]
    public async Task Resource_names_limit_a_rule_to_the_named_objects()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacnames");
        var token = await ServiceAccountTokenAsync(ns, "bot");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"mine"}}""");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"theirs"}}""");
        await GrantAsync(ns, "bot", """{"apiGroups":[""],"resources":["secrets"],"resourceNames":["mine"],"verbs":["get","list"]}""");

        var mine = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets/mine");
        var theirs = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets/theirs");
        var list = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets");
        var pinned = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets?fieldSelector=metadata.name%3Dmine");

        Assert.Equal(HttpStatusCode.OK, mine.Code);
        Assert.Equal(HttpStatusCode.Forbidden, theirs.Code);
        Assert.Equal($"secrets \"theirs\" is forbidden: User \"system:serviceaccount:{ns}:bot\" cannot get resource \"secrets\" in API group \"\" in the namespace \"{ns}\"", theirs.Message);
        Assert.Equal("theirs", (string?)theirs.Body["details"]!["name"]);
        Assert.Equal(HttpStatusCode.Forbidden, list.Code);
        Assert.Equal(HttpStatusCode.OK, pinned.Code);
    }

    [Fact]
    public async Task A_subresource_needs_its_own_rule()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacsub");
        var token = await ServiceAccountTokenAsync(ns, "bot");
        await emulator.ApiClient.PostJsonAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", """
            {"metadata":{"name":"web"},"spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}
            """);
        await GrantAsync(ns, "bot", """{"apiGroups":["networking.k8s.io"],"resources":["ingresses"],"verbs":["get","patch"]}""");

        var main = await As(token, HttpMethod.Patch, $"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");
        var status = await As(token, HttpMethod.Patch, $"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/web/status", """{"status":{}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, main.Code);
        Assert.Equal(HttpStatusCode.Forbidden, status.Code);
        Assert.Equal(
            $"ingresses.networking.k8s.io \"web\" is forbidden: User \"system:serviceaccount:{ns}:bot\" cannot patch resource \"ingresses/status\" in API group \"networking.k8s.io\" in the namespace \"{ns}\"",
            status.Message);
        Assert.Equal("networking.k8s.io", (string?)status.Body["details"]!["group"]);
    }

    [Fact]
    public async Task A_cluster_role_binding_grants_cluster_scoped_reads()
    {
        var ns = await emulator.CreateNamespaceAsync("rbaccluster");
        var token = await ServiceAccountTokenAsync(ns, "bot");
        var before = await As(token, HttpMethod.Get, "/apis/networking.k8s.io/v1/ingressclasses");
        await emulator.ApiClient.PostJsonAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles", $$$"""
            {"metadata":{"name":"{{{ns}}}-classes"},"rules":[{"apiGroups":["networking.k8s.io"],"resources":["ingressclasses"],"verbs":["list"]}]}
            """);
        await emulator.ApiClient.PostJsonAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", $$$"""
            {"metadata":{"name":"{{{ns}}}-classes"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"{{{ns}}}-classes"},
             "subjects":[{"kind":"ServiceAccount","name":"bot","namespace":"{{{ns}}}"}]}
            """);

        var after = await As(token, HttpMethod.Get, "/apis/networking.k8s.io/v1/ingressclasses");

        Assert.Equal(HttpStatusCode.Forbidden, before.Code);
        Assert.Equal(
            $"ingressclasses.networking.k8s.io is forbidden: User \"system:serviceaccount:{ns}:bot\" cannot list resource \"ingressclasses\" in API group \"networking.k8s.io\" at the cluster scope",
            before.Message);
        Assert.Equal(HttpStatusCode.OK, after.Code);
    }

    [Fact]
    public async Task A_binding_to_a_missing_role_is_named_in_the_denial()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacmissing");
        var token = await ServiceAccountTokenAsync(ns, "bot");
        await emulator.ApiClient.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings", """
            {"metadata":{"name":"dangling"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"missing"},
             "subjects":[{"kind":"ServiceAccount","name":"bot"}]}
            """);

        var list = await As(token, HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets");

        Assert.Equal(HttpStatusCode.Forbidden, list.Code);
        Assert.EndsWith($"in the namespace \"{ns}\": RBAC: role.rbac.authorization.k8s.io \"missing\" not found", list.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_request_issues_a_token_that_dies_with_its_service_account()
    {
        var ns = await emulator.CreateNamespaceAsync("rbactoken");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/serviceaccounts", """{"metadata":{"name":"bot"}}""");

        var issued = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/serviceaccounts/bot/token", """{"spec":{"expirationSeconds":3600}}""");
        var token = (string)issued.Body["status"]!["token"]!;
        var before = await As(token, HttpMethod.Get, "/api");
        await emulator.ApiClient.DeleteAsync($"/api/v1/namespaces/{ns}/serviceaccounts/bot", null);
        var after = await As(token, HttpMethod.Get, "/api");
        var tooShort = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/serviceaccounts/none/token", "{}");

        Assert.Equal(HttpStatusCode.Created, issued.Code);
        Assert.Equal("TokenRequest", (string?)issued.Body["kind"]);
        Assert.Equal("authentication.k8s.io/v1", (string?)issued.Body["apiVersion"]);
        Assert.Equal(3, token.Split('.').Length);
        Assert.NotNull((string?)issued.Body["status"]!["expirationTimestamp"]);
        Assert.Equal(HttpStatusCode.OK, before.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Code);
        Assert.Equal(HttpStatusCode.NotFound, tooShort.Code);
        Assert.Equal("serviceaccounts \"none\" not found", tooShort.Message);
    }

    [Fact]
    public async Task A_token_request_shorter_than_ten_minutes_is_422()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacshort");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/serviceaccounts", """{"metadata":{"name":"bot"}}""");

        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/serviceaccounts/bot/token", """{"spec":{"expirationSeconds":60}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("TokenRequest.authentication.k8s.io \"bot\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes", answer.Message);
    }

    [Fact]
    public async Task Kubectl_with_a_service_account_token_reports_the_forbidden_message()
    {
        var ns = await emulator.CreateNamespaceAsync("rbackubectl");
        var token = await ServiceAccountTokenAsync(ns, "bot");
        await GrantAsync(ns, "bot", """{"apiGroups":["networking.k8s.io"],"resources":["ingresses"],"verbs":["get","list"]}""");

        var allowed = await emulator.RunKubectlAsync("--token", token, "get", "ingresses", "-n", ns);
        var denied = await emulator.RunKubectlAsync("--token", token, "get", "secrets", "-n", ns);

        Assert.True(allowed.Succeeded, allowed.ToString());
        Assert.False(denied.Succeeded);
        Assert.Contains(
            $"Error from server (Forbidden): secrets is forbidden: User \"system:serviceaccount:{ns}:bot\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"",
            denied.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_denied_request_is_in_the_audit_with_403()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacaudit");
        var token = await ServiceAccountTokenAsync(ns, "bot");
        await emulator.ResetAuditAsync();

        await As(token, HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"x"}}""");
        var audit = await emulator.GetAuditAsync();

        Assert.Contains(new KubeAuditEntry("create", "", "secrets", "", ns, "", 403), audit);
    }

    private async Task<RawAnswer> Anonymous(HttpMethod method, string path)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { BaseAddress = emulator.ApiUri };
        return await RawApi.SendAsync(client, method, path);
    }

    private Task<RawAnswer> As(string token, HttpMethod method, string path, string? body = null, string contentType = "application/json") =>
        RawApi.SendAsync(emulator.ApiClient, method, path, body, contentType, token: token);

    private async Task<string> ServiceAccountTokenAsync(string ns, string name)
    {
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/serviceaccounts", $$$"""{"metadata":{"name":"{{{name}}}"}}""");
        var issued = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/serviceaccounts/{name}/token", "{}");
        Assert.Equal(HttpStatusCode.Created, issued.Code);
        return (string)issued.Body["status"]!["token"]!;
    }

    private async Task GrantAsync(string ns, string account, string rule)
    {
        var role = await emulator.ApiClient.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles", $$$"""{"metadata":{"name":"grant"},"rules":[{{{rule}}}]}""");
        var binding = await emulator.ApiClient.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings", $$$"""
            {"metadata":{"name":"grant"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"grant"},
             "subjects":[{"kind":"ServiceAccount","name":"{{{account}}}","namespace":"{{{ns}}}"}]}
            """);
        Assert.Equal(HttpStatusCode.Created, role.Code);
        Assert.Equal(HttpStatusCode.Created, binding.Code);
    }
}

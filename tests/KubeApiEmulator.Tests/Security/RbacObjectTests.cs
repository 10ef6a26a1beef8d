using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Security;

/// <summary>The RBAC objects themselves: bootstrap policy, validation, and kubectl's create and auth can-i.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RbacObjectTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task A_new_cluster_has_the_bootstrap_cluster_roles_and_bindings()
    {
        var roles = await emulator.ApiClient.GetAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles", null);
        var bindings = await emulator.ApiClient.GetAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:discovery", null);

        var names = roles.Body["items"]!.AsArray().Select(r => (string?)r!["metadata"]!["name"]).ToList();
        Assert.Contains("cluster-admin", names);
        Assert.Contains("system:discovery", names);
        Assert.Contains("system:basic-user", names);
        Assert.Contains("system:public-info-viewer", names);
        Assert.Equal("system:authenticated", (string?)bindings.Body["subjects"]![0]!["name"]);
    }

    [Fact]
    public async Task A_rule_without_verbs_is_422_required()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacinvalid");

        var answer = await emulator.ApiClient.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles",
            """{"metadata":{"name":"r"},"rules":[{"apiGroups":[""],"resources":["secrets"]}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("Role.rbac.authorization.k8s.io \"r\" is invalid: rules[0].verbs: Required value: verbs must contain at least one value", answer.Message);
    }

    [Fact]
    public async Task A_binding_role_ref_cannot_change()
    {
        var ns = await emulator.CreateNamespaceAsync("rbacroleref");
        await emulator.ApiClient.PostJsonAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings",
            """{"metadata":{"name":"b"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"one"}}""");

        var answer = await emulator.ApiClient.PatchAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings/b",
            """{"roleRef":{"name":"two"}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal(
            "RoleBinding.rbac.authorization.k8s.io \"b\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"two\"}: cannot change roleRef",
            answer.Message);
    }

    [Fact]
    public async Task Kubectl_creates_rbac_objects_and_auth_can_i_answers_for_a_service_account()
    {
        var ns = await emulator.CreateNamespaceAsync("rbaccani");
        var steps = new[]
        {
            await emulator.RunKubectlAsync("create", "serviceaccount", "bot", "-n", ns),
            await emulator.RunKubectlAsync("create", "role", "reader", "-n", ns, "--verb=get,list", "--resource=secrets"),
            await emulator.RunKubectlAsync("create", "rolebinding", "reader", "-n", ns, "--role=reader", $"--serviceaccount={ns}:bot"),
        };
        var token = await emulator.RunKubectlAsync("create", "token", "bot", "-n", ns, "--duration=1h");

        var list = await emulator.RunKubectlAsync("--token", token.StandardOutput.Trim(), "auth", "can-i", "list", "secrets", "-n", ns);
        var create = await emulator.RunKubectlAsync("--token", token.StandardOutput.Trim(), "auth", "can-i", "create", "secrets", "-n", ns);

        Assert.All(steps, s => Assert.True(s.Succeeded, s.ToString()));
        Assert.True(token.Succeeded, token.ToString());
        Assert.Equal("yes", list.StandardOutput.Trim());
        Assert.Equal("no", create.StandardOutput.Trim());
        Assert.False(create.Succeeded);
    }
}

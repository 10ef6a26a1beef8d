using System.Net;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Processes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Security;

/// <summary>The service account of infra/k8s (rbac.yaml and rbac-serviceaccount.yaml), applied with kubectl, can do what the file grants and nothing more.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class InfraRbacTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task The_certfunctions_service_account_may_use_exactly_the_verbs_rbac_yaml_grants()
    {
        var apply = await ApplyInfraRbacAsync();
        Assert.True(apply.Succeeded, apply.ToString());
        var ns = await emulator.CreateNamespaceAsync("infrarbac");
        using var client = KubeApiEmulatorFixture.CreateKubernetesClient(await emulator.CreateServiceAccountKubeconfigAsync("certfunctions", "certfunctions"));

        await client.NetworkingV1.ListIngressForAllNamespacesAsync();
        await client.NetworkingV1.CreateNamespacedIngressAsync(Ingress(), ns);
        await client.NetworkingV1.ReadNamespacedIngressAsync("web", ns);
        await client.NetworkingV1.PatchNamespacedIngressAsync(MergePatch("""{"metadata":{"labels":{"a":"b"}}}"""), "web", ns);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "tls" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        await client.CoreV1.ListSecretForAllNamespacesAsync();
        await client.CoreV1.PatchNamespacedSecretAsync(MergePatch("""{"metadata":{"labels":{"a":"b"}}}"""), "tls", ns);
        await client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "responder" }, Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = "example.com" } }, ns);
        await client.CoreV1.PatchNamespacedServiceAsync(MergePatch("""{"metadata":{"labels":{"a":"b"}}}"""), "responder", ns);
        await client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event { Metadata = new V1ObjectMeta { Name = "web.1" }, InvolvedObject = new V1ObjectReference { Kind = "Ingress", Name = "web", NamespaceProperty = ns }, Reason = "R", Type = "Normal" }, ns);
        await client.CoreV1.PatchNamespacedEventAsync(MergePatch("""{"count":2}"""), "web.1", ns);
        await client.NetworkingV1.DeleteNamespacedIngressAsync("web", ns);

        var deleteSecret = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.DeleteNamespacedSecretAsync("tls", ns));
        var listServices = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedServiceAsync(ns));
        Assert.Equal(HttpStatusCode.Forbidden, deleteSecret.Response.StatusCode);
        Assert.Contains(
            $"secrets \\\"tls\\\" is forbidden: User \\\"system:serviceaccount:certfunctions:certfunctions\\\" cannot delete resource \\\"secrets\\\" in API group \\\"\\\" in the namespace \\\"{ns}\\\"",
            deleteSecret.Response.Content, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, listServices.Response.StatusCode);
    }

    [Fact]
    public async Task The_token_secret_of_rbac_yaml_gets_a_token_of_its_service_account()
    {
        var apply = await ApplyInfraRbacAsync();
        Assert.True(apply.Succeeded, apply.ToString());
        using var admin = emulator.CreateKubernetesClient();

        var secret = await admin.CoreV1.ReadNamespacedSecretAsync("certfunctions-token", "certfunctions");
        var account = await admin.CoreV1.ReadNamespacedServiceAccountAsync("certfunctions", "certfunctions");
        var token = System.Text.Encoding.UTF8.GetString(secret.Data["token"]);
        var asAccount = await RawApi.SendAsync(emulator.ApiClient, HttpMethod.Get, "/apis/networking.k8s.io/v1/ingresses", token: token);
        var namespaces = await RawApi.SendAsync(emulator.ApiClient, HttpMethod.Get, "/api/v1/namespaces", token: token);

        Assert.Equal("certfunctions", System.Text.Encoding.UTF8.GetString(secret.Data["namespace"]));
        Assert.Equal(account.Metadata.Uid, secret.Metadata.Annotations["kubernetes.io/service-account.uid"]);
        Assert.Equal(HttpStatusCode.OK, asAccount.Code);
        Assert.Equal(HttpStatusCode.Forbidden, namespaces.Code);
        Assert.Equal(
            "namespaces is forbidden: User \"system:serviceaccount:certfunctions:certfunctions\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope",
            namespaces.Message);
    }

    [Fact]
    public async Task A_token_secret_without_the_service_account_name_annotation_is_422()
    {
        var ns = await emulator.CreateNamespaceAsync("satoken");

        var answer = await RawApi.PostJsonAsync(emulator.ApiClient, $"/api/v1/namespaces/{ns}/secrets",
            """{"metadata":{"name":"t"},"type":"kubernetes.io/service-account-token"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("Secret \"t\" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value", answer.Message);
    }

    private static V1Patch MergePatch(string json) => new(json, V1Patch.PatchType.MergePatch);

    private static V1Ingress Ingress() => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1IngressSpec
        {
            DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } },
        },
    };

    /// <summary>The ClusterRole and the service-account path, as deploy.md applies them.</summary>
    private Task<CertFunctions.Testing.Kubernetes.KubectlResult> ApplyInfraRbacAsync()
    {
        var manifests = Path.Combine(ProgramLocator.RepositoryRoot, "infra", "k8s");
        return emulator.RunKubectlAsync("apply", "-f", Path.Combine(manifests, "rbac.yaml"), "-f", Path.Combine(manifests, "rbac-serviceaccount.yaml"));
    }
}

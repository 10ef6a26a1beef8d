using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;

namespace CertFunctions.Testing.Kubernetes;

/// <summary>Identities other than the admin: kubeconfigs for service accounts, so a test can run the product as RBAC binds it.</summary>
public partial class KubeApiEmulatorFixture
{
    /// <summary>
    /// Asks the emulator for a TokenRequest token of the service account <paramref name="ns"/>/<paramref name="serviceAccount"/>
    /// (which must exist, e.g. from <c>kubectl apply -f infra/k8s/rbac.yaml</c>) and writes a kubeconfig like
    /// <see cref="KubeconfigPath"/> with that token; returns its path. Requests made with it are authorized by RBAC alone.
    /// </summary>
    public async Task<string> CreateServiceAccountKubeconfigAsync(string ns, string serviceAccount, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["kind"] = "TokenRequest",
            ["spec"] = new JsonObject { ["expirationSeconds"] = 86400 },
        };
        using var response = await ApiClient.PostAsJsonAsync(
            new Uri(ApiUri, $"/api/v1/namespaces/{ns}/serviceaccounts/{serviceAccount}/token"), request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"request a token for {ns}/{serviceAccount}", cancellationToken).ConfigureAwait(false);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var token = (string?)answer?["status"]?["token"] ?? throw new InvalidOperationException("The TokenRequest answer has no token.");

        var path = Path.Combine(WorkDirectory, $"kubeconfig-{ns}-{serviceAccount}");
        var admin = await File.ReadAllTextAsync(KubeconfigPath, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(path, admin.Replace(Token, token, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>A KubernetesClient built from another kubeconfig of this emulator (see <see cref="CreateServiceAccountKubeconfigAsync"/>).</summary>
    public static IKubernetes CreateKubernetesClient(string kubeconfigPath) =>
        new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
}

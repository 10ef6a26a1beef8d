using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Admission;

/// <summary>
/// A labelled namespace and webhook configurations that select only it, so tests sharing one emulator never see each
/// other's webhooks; the configurations are deleted on dispose.
/// </summary>
public sealed class WebhookWorld(KubeApiEmulatorFixture emulator, string ns, string label) : IAsyncDisposable
{
    private readonly List<string> _configurations = [];

    /// <summary>The namespace the webhooks select.</summary>
    public string Namespace { get; } = ns;

    /// <summary>Creates a namespace labelled for this test.</summary>
    public static async Task<WebhookWorld> CreateAsync(KubeApiEmulatorFixture emulator, string prefix)
    {
        var label = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var ns = await emulator.CreateNamespaceAsync(prefix);
        var labelled = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["webhook-test"] = label } } }.ToJsonString(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, labelled.Code);
        return new WebhookWorld(emulator, ns, label);
    }

    /// <summary>A webhook on Ingress creates and updates in this namespace, calling <paramref name="url"/>.</summary>
    public static JsonObject Webhook(string name, Uri url, string? caBundle, string failurePolicy = "Fail") => new()
    {
        ["name"] = name,
        ["clientConfig"] = caBundle is null ? new JsonObject { ["url"] = url.ToString() } : new JsonObject { ["url"] = url.ToString(), ["caBundle"] = caBundle },
        ["rules"] = new JsonArray(new JsonObject
        {
            ["operations"] = new JsonArray("CREATE", "UPDATE"),
            ["apiGroups"] = new JsonArray("networking.k8s.io"),
            ["apiVersions"] = new JsonArray("v1"),
            ["resources"] = new JsonArray("ingresses"),
            ["scope"] = "Namespaced",
        }),
        ["failurePolicy"] = failurePolicy,
        ["sideEffects"] = "NoneOnDryRun",
        ["admissionReviewVersions"] = new JsonArray("v1"),
        ["timeoutSeconds"] = 5,
    };

    /// <summary>Stores a configuration of <paramref name="webhooks"/>, each limited to this test's namespace.</summary>
    public async Task<RawAnswer> AddConfigurationAsync(params JsonObject[] webhooks)
    {
        foreach (var webhook in webhooks)
        {
            webhook["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["webhook-test"] = label } };
        }

        var name = label + "-" + _configurations.Count;
        var body = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "ValidatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["webhooks"] = new JsonArray([.. webhooks]),
        };
        var answer = await emulator.ApiClient.PostJsonAsync("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", body.ToJsonString());
        if (answer.Code == HttpStatusCode.Created)
        {
            _configurations.Add(name);
        }

        return answer;
    }

    /// <summary>Creates an Ingress in this namespace with the given annotations and labels.</summary>
    public Task<RawAnswer> CreateIngressAsync(string name, string annotations = "{}", string labels = "{}", string query = "") =>
        emulator.ApiClient.PostJsonAsync($"/apis/networking.k8s.io/v1/namespaces/{Namespace}/ingresses{query}", $$$$$"""
            {"metadata":{"name":"{{{{{name}}}}}","annotations":{{{{{annotations}}}}},"labels":{{{{{labels}}}}}},
             "spec":{"rules":[{"host":"{{{{{name}}}}}.{{{{{Namespace}}}}}.webhook.test","http":{"paths":[{"path":"/","pathType":"Prefix",
               "backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
            """);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var name in _configurations)
        {
            await emulator.ApiClient.DeleteAsync("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/" + name, null);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>Watches with a label selector from a resourceVersion, as the watch cache reports objects entering and leaving the selection.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class WatchSelectionTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task An_object_entering_the_selector_arrives_as_added_and_leaving_it_as_deleted()
    {
        var ns = await emulator.CreateNamespaceAsync("watchsel");
        var created = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"s","labels":{"app":"other"}}}""");
        var from = (string)created.Body["metadata"]!["resourceVersion"]!;
        await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s", """{"metadata":{"labels":{"app":"web"}}}""", "application/merge-patch+json");
        await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s", """{"data":{"k":"dg=="}}""", "application/merge-patch+json");
        var left = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s", """{"metadata":{"labels":{"app":"gone"}}}""", "application/merge-patch+json");

        using var response = await emulator.ApiClient.GetAsync(
            $"/api/v1/namespaces/{ns}/secrets?watch=true&labelSelector=app%3Dweb&resourceVersion={from}&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(JsonNode.Parse((await reader.ReadLineAsync())!)!);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => (string?)e["type"]));
        Assert.Equal("web", (string?)events[2]["object"]!["metadata"]!["labels"]!["app"]);
        Assert.Equal((string?)left.Body["metadata"]!["resourceVersion"], (string?)events[2]["object"]!["metadata"]!["resourceVersion"]);
    }
}

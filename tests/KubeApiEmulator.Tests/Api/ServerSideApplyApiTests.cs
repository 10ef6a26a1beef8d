using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>Server-side apply on the wire: the PatchOptions it requires, YAML bodies, and the 409 Status of a conflict.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ServerSideApplyApiTests(KubeApiEmulatorFixture emulator)
{
    private const string Apply = "application/apply-patch+yaml";

    [Fact]
    public async Task An_apply_without_fieldManager_is_422_and_creates_nothing()
    {
        var ns = await emulator.CreateNamespaceAsync("ssanomgr");

        var answer = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s", Secret("s", "a: b"), Apply);
        var get = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets/s", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", answer.Message);
        Assert.Equal(HttpStatusCode.NotFound, get.Code);
    }

    [Fact]
    public async Task Force_on_a_merge_patch_is_422()
    {
        var ns = await emulator.CreateNamespaceAsync("ssaforcemerge");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"s"}}""");

        var answer = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s?force=true", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch", answer.Message);
    }

    [Fact]
    public async Task A_yaml_apply_creates_with_201_and_a_second_manager_conflicts_with_409_naming_managers_and_fields()
    {
        var ns = await emulator.CreateNamespaceAsync("ssawire");

        var created = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s?fieldManager=git", Secret("s", "team: blue"), Apply);
        var conflict = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s?fieldManager=other", Secret("s", "team: green"), Apply);
        var forced = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s?fieldManager=other&force=true", Secret("s", "team: green"), Apply);

        Assert.Equal(HttpStatusCode.Created, created.Code);
        Assert.Equal("blue", (string?)created.Body["metadata"]!["labels"]!["team"]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Code);
        Assert.Equal("Conflict", conflict.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"git\": .metadata.labels.team", conflict.Message);
        var cause = Assert.Single(conflict.Body["details"]!["causes"]!.AsArray())!;
        Assert.Equal("FieldManagerConflict", (string?)cause["reason"]);
        Assert.Equal("conflict with \"git\"", (string?)cause["message"]);
        Assert.Equal(".metadata.labels.team", (string?)cause["field"]);
        Assert.Equal(HttpStatusCode.OK, forced.Code);
        Assert.Equal("green", (string?)forced.Body["metadata"]!["labels"]!["team"]);
        var entries = forced.Body["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal(["git", "other"], entries.Select(e => (string?)e!["manager"]));
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}}}""", entries[0]!["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task A_write_without_fieldManager_is_recorded_under_the_user_agent_prefix()
    {
        var ns = await emulator.CreateNamespaceAsync("ssaagent");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets")
        {
            Content = new StringContent("""{"metadata":{"name":"s","labels":{"a":"b"}}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("my-controller/1.2.3");

        using var response = await emulator.ApiClient.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = Assert.Single(body["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("my-controller", (string?)entry["manager"]);
        Assert.Equal("Update", (string?)entry["operation"]);
        Assert.Equal("v1", (string?)entry["apiVersion"]);
    }

    private static string Secret(string name, string label) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          labels:
            app: x
            {label}
        """;
}

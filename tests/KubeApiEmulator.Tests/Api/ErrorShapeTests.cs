using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>How errors are named and shaped: internal kinds in Invalid, plain-text 404 for unknown paths, real verbs in discovery.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ErrorShapeTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task An_invalid_ingress_is_reported_under_the_extensions_group()
    {
        var ns = await emulator.CreateNamespaceAsync("ingext");

        var answer = await emulator.ApiClient.PostJsonAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", """{"metadata":{"name":"x"},"spec":{}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.StartsWith("Ingress.extensions \"x\" is invalid: ", answer.Message, StringComparison.Ordinal);
        Assert.Equal("extensions", (string?)answer.Body["details"]!["group"]);
        Assert.Equal("Ingress", (string?)answer.Body["details"]!["kind"]);
    }

    [Fact]
    public async Task An_invalid_events_api_event_names_a_bare_event()
    {
        var ns = await emulator.CreateNamespaceAsync("evbare");

        var answer = await emulator.ApiClient.PostJsonAsync($"/apis/events.k8s.io/v1/namespaces/{ns}/events", """{"metadata":{"name":"e"},"type":"Normal"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.StartsWith("Event \"e\" is invalid: ", answer.Message, StringComparison.Ordinal);
        Assert.Null(answer.Body["details"]!["group"]);
        Assert.Equal("Event", (string?)answer.Body["details"]!["kind"]);
    }

    [Theory]
    [InlineData("/api/v1/foos")]
    [InlineData("/apis/unknown.example.com/v1")]
    [InlineData("/apis/networking.k8s.io/v1/namespaces/default/ingresses/x/unknown")]
    [InlineData("/nothing/here")]
    public async Task An_unknown_path_answers_plain_text_404_page_not_found(string path)
    {
        var answer = await emulator.ApiClient.GetAsync(path, null);

        Assert.Equal(HttpStatusCode.NotFound, answer.Code);
        Assert.Equal("404 page not found\n", answer.Text);
        Assert.StartsWith("text/plain", answer.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_lists_the_verbs_each_resource_really_has()
    {
        var core = await emulator.ApiClient.GetAsync("/api/v1", null);
        var resources = core.Body["resources"]!.AsArray().ToDictionary(r => (string)r!["name"]!, r => r!["verbs"]!.AsArray().Select(v => (string?)v).ToList());

        Assert.Equal(["create", "delete", "get", "list", "patch", "update", "watch"], resources["namespaces"]);
        Assert.Equal(["update"], resources["namespaces/finalize"]);
        Assert.Equal(["get", "patch", "update"], resources["namespaces/status"]);
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], resources["services"]);
    }

    [Fact]
    public async Task Delete_collection_of_namespaces_is_405()
    {
        var answer = await emulator.ApiClient.DeleteAsync("/api/v1/namespaces?labelSelector=none%3Dnone", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Code);
    }
}

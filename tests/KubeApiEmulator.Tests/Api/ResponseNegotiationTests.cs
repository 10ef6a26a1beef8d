using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>Accept negotiation as the real server does it: metadata-only objects and lists, Tables with includeObject, and 406.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ResponseNegotiationTests(KubeApiEmulatorFixture emulator)
{
    private const string MetadataList = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io";
    private const string Metadata = "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io";

    [Fact]
    public async Task A_metadata_list_holds_only_metadata_of_each_item_with_the_list_resource_version()
    {
        var ns = await emulator.CreateNamespaceAsync("pom");
        await CreateSecretAsync(ns, "one");
        await CreateSecretAsync(ns, "two");

        var answer = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets", MetadataList + ",application/json");

        Assert.Equal(HttpStatusCode.OK, answer.Code);
        Assert.Equal("PartialObjectMetadataList", (string?)answer.Body["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)answer.Body["apiVersion"]);
        Assert.NotNull((string?)answer.Body["metadata"]!["resourceVersion"]);
        var items = answer.Body["items"]!.AsArray();
        Assert.Equal(["one", "two"], items.Select(i => (string?)i!["metadata"]!["name"]));
        Assert.All(items, i =>
        {
            Assert.Equal("PartialObjectMetadata", (string?)i!["kind"]);
            Assert.Equal("meta.k8s.io/v1", (string?)i["apiVersion"]);
            Assert.Equal(["kind", "apiVersion", "metadata"], i.AsObject().Select(p => p.Key));
            Assert.Equal("v", (string?)i["metadata"]!["labels"]!["k"]);
        });
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metadata_list_pages_with_limit_and_continue()
    {
        var ns = await emulator.CreateNamespaceAsync("pompage");
        await CreateSecretAsync(ns, "a");
        await CreateSecretAsync(ns, "b");

        var first = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets?limit=1", MetadataList);
        var token = (string?)first.Body["metadata"]!["continue"];
        var second = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets?limit=1&continue={Uri.EscapeDataString(token!)}", MetadataList);

        Assert.Equal("a", (string?)first.Body["items"]![0]!["metadata"]!["name"]);
        Assert.Equal(1, (long?)first.Body["metadata"]!["remainingItemCount"]);
        Assert.Equal("b", (string?)second.Body["items"]![0]!["metadata"]!["name"]);
        Assert.Null(second.Body["metadata"]!["continue"]);
    }

    [Fact]
    public async Task A_metadata_get_returns_a_partial_object_metadata()
    {
        var ns = await emulator.CreateNamespaceAsync("pomget");
        await CreateSecretAsync(ns, "one");

        var answer = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets/one", Metadata);

        Assert.Equal(HttpStatusCode.OK, answer.Code);
        Assert.Equal("PartialObjectMetadata", (string?)answer.Body["kind"]);
        Assert.Equal("one", (string?)answer.Body["metadata"]!["name"]);
        Assert.Null(answer.Body["data"]);
        Assert.Null(answer.Body["type"]);
    }

    [Fact]
    public async Task Asking_a_list_as_a_single_metadata_object_is_406()
    {
        var answer = await emulator.ApiClient.GetAsync("/api/v1/namespaces/default/secrets", Metadata);

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Code);
        Assert.Equal("NotAcceptable", answer.Reason);
        Assert.Equal("you requested PartialObjectMetadata, but the requested object is a list (*core.SecretList)", answer.Message);
    }

    [Fact]
    public async Task An_accept_the_server_cannot_produce_is_406_naming_the_media_types_it_can()
    {
        var answer = await emulator.ApiClient.GetAsync("/api/v1/namespaces", "text/plain");

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Code);
        Assert.Equal("NotAcceptable", answer.Reason);
        Assert.Equal(406, (int?)answer.Body["code"]);
        Assert.Equal("only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf", answer.Message);
    }

    [Fact]
    public async Task A_transformation_of_an_unknown_group_falls_back_to_the_next_media_range()
    {
        var answer = await emulator.ApiClient.GetAsync("/api/v1/namespaces/default", "application/json;as=Table;v=v9;g=other.io, application/json");

        Assert.Equal(HttpStatusCode.OK, answer.Code);
        Assert.Equal("Namespace", (string?)answer.Body["kind"]);
    }

    [Fact]
    public async Task A_table_with_include_object_none_has_rows_without_objects()
    {
        var ns = await emulator.CreateNamespaceAsync("tablenone");
        await CreateSecretAsync(ns, "one");
        const string table = "application/json;as=Table;v=v1;g=meta.k8s.io";

        var none = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets?includeObject=None", table);
        var metadata = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets", table);
        var whole = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets/one?includeObject=Object", table);
        var bad = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets?includeObject=All", table);

        Assert.Equal("Table", (string?)none.Body["kind"]);
        var row = none.Body["rows"]![0]!.AsObject();
        Assert.Equal(["cells"], row.Select(p => p.Key));
        Assert.Equal("one", (string?)row["cells"]![0]);
        Assert.Equal("PartialObjectMetadata", (string?)metadata.Body["rows"]![0]!["object"]!["kind"]);
        Assert.Equal("Secret", (string?)whole.Body["rows"]![0]!["object"]!["kind"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Code);
        Assert.Equal("unrecognized includeObject value: \"All\"", bad.Message);
    }

    [Fact]
    public async Task A_metadata_watch_sends_partial_object_metadata_events()
    {
        var ns = await emulator.CreateNamespaceAsync("pomwatch");
        await CreateSecretAsync(ns, "one");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/secrets?watch=true&timeoutSeconds=1");
        request.Headers.TryAddWithoutValidation("Accept", Metadata);

        using var response = await emulator.ApiClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = JsonNode.Parse((await reader.ReadLineAsync())!)!;

        Assert.Equal("ADDED", (string?)first["type"]);
        Assert.Equal("PartialObjectMetadata", (string?)first["object"]!["kind"]);
        Assert.Null(first["object"]!["data"]);
    }

    private async Task CreateSecretAsync(string ns, string name)
    {
        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets",
            $$$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"{{{name}}}","labels":{"k":"v"}},"stringData":{"x":"y"}}""");
        Assert.Equal(HttpStatusCode.Created, answer.Code);
    }
}

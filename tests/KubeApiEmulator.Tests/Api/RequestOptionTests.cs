using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>List and write options the real server validates: selectors, resourceVersionMatch, limit with resourceVersion=0, dryRun, fieldValidation.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RequestOptionTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task An_unparsable_label_selector_is_400_with_the_parser_message()
    {
        var answer = await emulator.ApiClient.GetAsync("/api/v1/namespaces/default/secrets?labelSelector=app%20web", null);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Code);
        Assert.Equal("BadRequest", answer.Reason);
        Assert.Equal("unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt", answer.Message);
    }

    [Fact]
    public async Task Resource_version_match_without_resource_version_is_422_on_list_options()
    {
        var answer = await emulator.ApiClient.GetAsync("/api/v1/namespaces/default/secrets?resourceVersionMatch=NotOlderThan", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("Invalid", answer.Reason);
        Assert.Equal("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided", answer.Message);
        Assert.Equal("meta.k8s.io", (string?)answer.Body["details"]!["group"]);
        Assert.Equal("ListOptions", (string?)answer.Body["details"]!["kind"]);
        Assert.Equal("resourceVersionMatch", (string?)answer.Body["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task Resource_version_zero_ignores_the_limit_and_gives_no_continue()
    {
        // v1.32 serves resourceVersion=0 from the watch cache, which does not page (the snapshot paging of 1.33 is not in 1.32).
        var ns = await emulator.CreateNamespaceAsync("rvzero");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", $$$"""{"metadata":{"name":"{{{name}}}"}}""");
        }

        var cached = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets?resourceVersion=0&limit=1", null);
        var paged = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets?limit=1", null);

        Assert.Equal(3, cached.Body["items"]!.AsArray().Count);
        Assert.Null(cached.Body["metadata"]!["continue"]);
        Assert.Single(paged.Body["items"]!.AsArray());
        Assert.NotNull(paged.Body["metadata"]!["continue"]);
    }

    [Fact]
    public async Task A_bad_dry_run_value_is_422_on_create_options()
    {
        var ns = await emulator.CreateNamespaceAsync("dryrun");

        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets?dryRun=Yes", """{"metadata":{"name":"x"}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Yes\"}: supported values: \"All\"", answer.Message);
    }

    [Fact]
    public async Task A_bad_field_validation_value_is_422_on_patch_options()
    {
        var answer = await emulator.ApiClient.PatchAsync("/api/v1/namespaces/default?fieldValidation=Loose", "{}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loose\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
            answer.Message);
    }
}

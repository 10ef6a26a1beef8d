using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>Update preconditions, strategic merge list order, ownerReferences and JSON patch decoding, as a real server answers.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class WriteSemanticsTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task An_update_with_a_uid_precondition_of_a_missing_object_is_409_conflict()
    {
        var ns = await emulator.CreateNamespaceAsync("uidpre");

        var answer = await emulator.ApiClient.PutJsonAsync($"/api/v1/namespaces/{ns}/secrets/none",
            """{"metadata":{"name":"none","uid":"6f0c9b0e-0000-4000-8000-000000000001"}}""");
        var withoutUid = await emulator.ApiClient.PutJsonAsync($"/api/v1/namespaces/{ns}/secrets/none", """{"metadata":{"name":"none"}}""");

        Assert.Equal(HttpStatusCode.Conflict, answer.Code);
        Assert.Equal("Conflict", answer.Reason);
        Assert.Equal(
            "Operation cannot be fulfilled on secrets \"none\": Precondition failed: UID in precondition: 6f0c9b0e-0000-4000-8000-000000000001, UID in object meta: ",
            answer.Message);
        Assert.Equal(HttpStatusCode.NotFound, withoutUid.Code);
    }

    [Fact]
    public async Task A_strategic_merge_puts_the_patch_items_first_in_merged_lists()
    {
        var ns = await emulator.CreateNamespaceAsync("smporder");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", """
            {"metadata":{"name":"s","finalizers":["example.com/a","example.com/b"],
             "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"one","uid":"u-1"}]}}
            """);

        var answer = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s", """
            {"metadata":{"finalizers":["example.com/c"],"ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"two","uid":"u-2"}]}}
            """, "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, answer.Code);
        Assert.Equal(["example.com/c", "example.com/a", "example.com/b"], answer.Body["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        Assert.Equal(["u-2", "u-1"], answer.Body["metadata"]!["ownerReferences"]!.AsArray().Select(r => (string?)r!["uid"]));
    }

    [Fact]
    public async Task A_strategic_merge_keeps_server_items_before_a_patched_item_that_comes_later()
    {
        var ns = await emulator.CreateNamespaceAsync("smpkeep");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/services", """
            {"metadata":{"name":"web"},"spec":{"ports":[{"name":"a","port":80},{"name":"b","port":443}]}}
            """);

        var answer = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/services/web",
            """{"spec":{"ports":[{"port":443,"targetPort":8443}]}}""", "application/strategic-merge-patch+json");

        Assert.Equal([80, 443], answer.Body["spec"]!["ports"]!.AsArray().Select(p => (int)p!["port"]!));
    }

    [Fact]
    public async Task An_owner_reference_without_api_version_kind_or_name_is_422()
    {
        var ns = await emulator.CreateNamespaceAsync("owner");

        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets",
            """{"metadata":{"name":"s","ownerReferences":[{"uid":"u-1"}]}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal(
            "Secret \"s\" is invalid: [metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty, " +
            "metadata.ownerReferences.kind: Invalid value: \"\": kind must not be empty, metadata.ownerReferences.name: Invalid value: \"\": name must not be empty]",
            answer.Message);
    }

    [Fact]
    public async Task A_json_patch_producing_a_wrong_type_is_422_with_the_cause_on_patch()
    {
        var ns = await emulator.CreateNamespaceAsync("jpwrong");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/services", """{"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""");

        var answer = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/services/web",
            """[{"op":"replace","path":"/spec/ports/0/port","value":"eighty"}]""", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal("Invalid", answer.Reason);
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: \"{", answer.Message, StringComparison.Ordinal);
        Assert.EndsWith("\": json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32", answer.Message, StringComparison.Ordinal);
        var details = answer.Body["details"]!.AsObject();
        Assert.Equal(["causes"], details.Select(p => p.Key));
        Assert.Equal("patch", (string?)details["causes"]![0]!["field"]);
        Assert.Equal("FieldValueInvalid", (string?)details["causes"]![0]!["reason"]);
    }

    [Fact]
    public async Task A_json_patch_adding_an_unknown_field_under_strict_is_422_with_the_cause_on_patch()
    {
        var ns = await emulator.CreateNamespaceAsync("jpstrict");
        await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"s"}}""");

        var answer = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/s?fieldValidation=Strict",
            """[{"op":"add","path":"/spec","value":{"x":1}}]""", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.EndsWith("\": strict decoding error: unknown field \"spec\"", answer.Message, StringComparison.Ordinal);
        Assert.Equal("patch", (string?)answer.Body["details"]!["causes"]![0]!["field"]);
    }
}

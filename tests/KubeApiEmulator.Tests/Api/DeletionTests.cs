using System.Net;
using CertFunctions.Testing.Kubernetes;
using KubeApiEmulator.Tests.Support;

namespace KubeApiEmulator.Tests.Api;

/// <summary>Deletion with finalizers, propagation policies and terminating namespaces, as a real server answers.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class DeletionTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task An_object_with_finalizers_is_kept_with_a_deletion_timestamp_until_they_are_removed()
    {
        var ns = await emulator.CreateNamespaceAsync("fin");
        await CreateSecretAsync(ns, "held", """["example.com/hold"]""");

        var delete = await emulator.ApiClient.DeleteAsync($"/api/v1/namespaces/{ns}/secrets/held", null);
        var read = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets/held", null);
        var release = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/held", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var gone = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets/held", null);

        Assert.Equal(HttpStatusCode.OK, delete.Code);
        Assert.Equal("Secret", (string?)delete.Body["kind"]);
        Assert.NotNull((string?)delete.Body["metadata"]!["deletionTimestamp"]);
        Assert.Equal(0, (int?)delete.Body["metadata"]!["deletionGracePeriodSeconds"]);
        Assert.Equal(HttpStatusCode.OK, read.Code);
        Assert.NotNull((string?)read.Body["metadata"]!["deletionTimestamp"]);
        Assert.Equal(HttpStatusCode.OK, release.Code);
        Assert.Equal(HttpStatusCode.NotFound, gone.Code);
    }

    [Fact]
    public async Task Adding_a_finalizer_to_an_object_being_deleted_is_422_forbidden()
    {
        var ns = await emulator.CreateNamespaceAsync("finadd");
        await CreateSecretAsync(ns, "held", """["example.com/hold"]""");
        await emulator.ApiClient.DeleteAsync($"/api/v1/namespaces/{ns}/secrets/held", null);

        var answer = await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/held",
            """{"metadata":{"finalizers":["example.com/hold","example.com/more"]}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Code);
        Assert.Equal(
            "Secret \"held\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/more\"}",
            answer.Message);
        Assert.Equal("FieldValueForbidden", (string?)answer.Body["details"]!["causes"]![0]!["reason"]);
    }

    [Fact]
    public async Task A_foreground_delete_answers_with_the_foreground_deletion_finalizer()
    {
        var ns = await emulator.CreateNamespaceAsync("fg");
        await CreateSecretAsync(ns, "one", "[]");

        var answer = await emulator.ApiClient.DeleteAsync($"/api/v1/namespaces/{ns}/secrets/one", """{"propagationPolicy":"Foreground"}""");
        var after = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets/one", null);

        Assert.Equal(HttpStatusCode.OK, answer.Code);
        Assert.Equal("Secret", (string?)answer.Body["kind"]);
        Assert.Equal(["foregroundDeletion"], answer.Body["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        Assert.NotNull((string?)answer.Body["metadata"]!["deletionTimestamp"]);

        // Nothing depends on it, so the garbage collector removes the finalizer and the object goes.
        Assert.Equal(HttpStatusCode.NotFound, after.Code);
    }

    [Fact]
    public async Task Creating_in_a_terminating_namespace_is_403_namespace_terminating()
    {
        var ns = await emulator.CreateNamespaceAsync("term");
        await CreateSecretAsync(ns, "held", """["example.com/hold"]""");

        var delete = await emulator.ApiClient.DeleteAsync($"/api/v1/namespaces/{ns}", null);
        var create = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets", """{"metadata":{"name":"late"}}""");
        var namespaceWhileHeld = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}", null);
        await emulator.ApiClient.PatchAsync($"/api/v1/namespaces/{ns}/secrets/held", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        var namespaceAfter = await emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}", null);

        Assert.Equal("Terminating", (string?)delete.Body["status"]!["phase"]);
        Assert.Equal(HttpStatusCode.Forbidden, create.Code);
        Assert.Equal("Forbidden", create.Reason);
        Assert.Equal($"secrets \"late\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", create.Message);
        var cause = create.Body["details"]!["causes"]![0]!;
        Assert.Equal("NamespaceTerminating", (string?)cause["reason"]);
        Assert.Equal($"namespace {ns} is being terminated", (string?)cause["message"]);
        Assert.Equal("metadata.namespace", (string?)cause["field"]);
        Assert.Equal("Terminating", (string?)namespaceWhileHeld.Body["status"]!["phase"]);
        Assert.Equal(HttpStatusCode.NotFound, namespaceAfter.Code);
    }

    private async Task CreateSecretAsync(string ns, string name, string finalizers)
    {
        var answer = await emulator.ApiClient.PostJsonAsync($"/api/v1/namespaces/{ns}/secrets",
            $$$"""{"metadata":{"name":"{{{name}}}","finalizers":{{{finalizers}}}}}""");
        Assert.Equal(HttpStatusCode.Created, answer.Code);
    }
}

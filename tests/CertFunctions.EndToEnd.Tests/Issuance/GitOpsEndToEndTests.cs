using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>
/// Issuance and renewal of an Ingress that a GitOps controller keeps equal to Git, with a reconciler re-applying the
/// manifest every 200 ms during the whole run: server-side apply with force as Flux does, client-side apply as Argo CD
/// does by default. The Git-declared fields must never change.
/// </summary>
[Collection(LocalWorldCollection.Name)]
public sealed class GitOpsEndToEndTests(LocalWorldFixture fixture)
{
    [Theory]
    [InlineData(GitOpsApplyMode.ServerSideForce)]
    [InlineData(GitOpsApplyMode.ClientSide)]
    public async Task Issuance_and_renewal_succeed_under_a_reconciler_and_the_Git_declared_fields_never_change(GitOpsApplyMode mode)
    {
        var world = fixture.World;
        var flux = mode == GitOpsApplyMode.ServerSideForce;
        var host = $"{(flux ? "flux" : "argo")}.gitops.example.test";
        var ns = await world.Emulator.CreateNamespaceAsync("gitops");
        var backend = await world.Emulator.RunKubectlWithInputAsync(
            $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"{{{ns}}}"},"spec":{"ports":[{"port":80}]}}""", "apply", "-f", "-");
        Assert.True(backend.Succeeded, backend.ToString());
        var manifest = Manifest(ns, host, flux);

        JsonObject first;
        JsonObject renewed;
        GitOpsReconciler reconciler;
        int appliedDuringRuns;
        await using (reconciler = await GitOpsReconciler.StartAsync(world.Emulator, manifest, mode))
        {
            await reconciler.WaitForReconciliationsAsync();
            var appliedBefore = reconciler.Applies;
            first = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "web"));
            Assert.True((string?)first["status"] == "Completed", E2E.Pretty(first) + "\n" + fixture.Host.RecentOutput);
            var firstSerial = await SerialAsync(world, ns);

            // Renewal through the timer path, still under the reconciler.
            var due = await world.Emulator.RunKubectlAsync("annotate", "secret", "web-tls", "-n", ns, "--overwrite", "certfunctions.io/renew-after=2000-01-01T00:00:00Z");
            Assert.True(due.Succeeded, due.ToString());
            var scan = await E2E.RunTimerAsync(fixture.Host);
            Assert.True((int)scan["started"]! >= 1, scan.ToJsonString());
            renewed = await E2E.WaitForNewRunAsync(fixture.Host, new Uri(fixture.Host.BaseUri, $"api/certificates/operations/{(string)first["id"]!}"), (string)first["createdAt"]!);
            Assert.True((string?)renewed["status"] == "Completed", E2E.Pretty(renewed) + "\n" + fixture.Host.RecentOutput);
            Assert.NotEqual(firstSerial, await SerialAsync(world, ns));
            appliedDuringRuns = reconciler.Applies - appliedBefore;

            // One more drift check after our last write.
            await reconciler.WaitForReconciliationsAsync();
        }

        Assert.Empty(reconciler.Failures);
        Assert.True(appliedDuringRuns >= 1, "the reconciler did not apply while the issuance and the renewal ran");
        Assert.Empty(reconciler.Drift);
        var live = await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns, "--show-managed-fields");
        Assert.Empty(GitOpsReconciler.Differences(manifest, live));
        Assert.Null(live["spec"]!["tls"]);
        Assert.DoesNotContain(live["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["manager"] == "certfunctions");
        // The solver Ingress is gone: only the user's Ingress is left.
        Assert.Single((await E2E.GetJsonAsync(world, "get", "ingresses", "-n", ns))["items"]!.AsArray());

        var events = (await E2E.GetJsonAsync(world, "get", "events", "-n", ns))["items"]!.AsArray();
        var tls = Assert.Single(events, e => (string?)e!["reason"] == "TlsReferenceMissing")!;
        Assert.Equal("Warning", (string?)tls["type"]);
        Assert.EndsWith($"Add this to the Ingress in Git:\nspec:\n  tls:\n  - hosts:\n    - {host}\n    secretName: web-tls", (string?)tls["message"], StringComparison.Ordinal);
        // Issuance, the scan while it was missing, and the renewal: the same Event, counted.
        Assert.True((int)tls["count"]! >= 3, tls.ToJsonString());
        Assert.Contains(events, e => (string?)e!["reason"] == "CertificateRenewed");
        if (flux)
        {
            var refused = Assert.Single(events, e => (string?)e!["reason"] == "InPlaceRoutingRefused")!;
            Assert.Equal("Warning", (string?)refused["type"]);
            Assert.Contains("managed by Flux (label kustomize.toolkit.fluxcd.io/name)", (string?)refused["message"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_Ingress_not_managed_by_GitOps_still_gets_spec_tls_written()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "plain", ["plain.gitops.example.test"]);

        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "plain"));

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final));
        var live = await E2E.GetJsonAsync(world, "get", "ingress", "plain", "-n", ns);
        Assert.Equal("plain-tls", (string?)live["spec"]!["tls"]![0]!["secretName"]);
        var events = (await E2E.GetJsonAsync(world, "get", "events", "-n", ns))["items"]!.AsArray();
        Assert.DoesNotContain(events, e => (string?)e!["reason"] is "TlsReferenceMissing" or "InPlaceRoutingRefused");
    }

    private static JsonObject Manifest(string ns, string host, bool flux)
    {
        var metadata = new JsonObject
        {
            ["name"] = "web",
            ["namespace"] = ns,
            ["annotations"] = new JsonObject { ["certfunctions.io/enabled"] = "true" },
        };
        if (flux)
        {
            // What kustomize-controller labels, and the in-place routing the issue saw fail under it.
            metadata["labels"] = new JsonObject { ["kustomize.toolkit.fluxcd.io/name"] = "apps", ["kustomize.toolkit.fluxcd.io/namespace"] = "flux-system" };
            metadata["annotations"]!["certfunctions.io/routing"] = "in-place";
        }
        else
        {
            metadata["annotations"]!["argocd.argoproj.io/tracking-id"] = $"shop:networking.k8s.io/Ingress:{ns}/web";
        }

        return new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "Ingress",
            ["metadata"] = metadata,
            ["spec"] = JsonNode.Parse("""
                {"ingressClassName":"nginx","rules":[{"host":"HOST","http":{"paths":[
                  {"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}
                """.Replace("HOST", host, StringComparison.Ordinal)),
        };
    }

    private static async Task<string?> SerialAsync(LocalWorld world, string ns) =>
        (string?)(await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", ns))["metadata"]!["annotations"]!["certfunctions.io/serial"];
}

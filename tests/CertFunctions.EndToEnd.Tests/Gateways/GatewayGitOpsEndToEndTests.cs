using System.Text.Json.Nodes;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Gateways;

/// <summary>
/// A Gateway that a GitOps controller keeps equal to Git, re-applied every 200 ms while its certificates are issued
/// (server-side apply with force as Flux does, client-side apply as Argo CD does): the issuance succeeds and the
/// Git-declared fields never drift, since a Gateway's run writes only the Secrets and its own solver HTTPRoute.
/// </summary>
[Collection(LocalWorldCollection.Name)]
public sealed class GatewayGitOpsEndToEndTests(LocalWorldFixture fixture)
{
    [Theory]
    [InlineData(GitOpsApplyMode.ServerSideForce)]
    [InlineData(GitOpsApplyMode.ClientSide)]
    public async Task A_gateway_re_applied_by_a_reconciler_during_issuance_gets_its_certificate_with_zero_drift(GitOpsApplyMode mode)
    {
        var world = fixture.World;
        var host = $"{(mode == GitOpsApplyMode.ServerSideForce ? "flux" : "argo")}.gw-gitops.example.test";

        // The GatewayClass (and a throwaway Gateway) come from the seeder; the Gateway under test only from "Git".
        var ns = await GatewaySeeder.SeedAsync(world, "class-holder", [GatewaySeeder.Http("http")], optIn: false, namespacePrefix: "gw-gitops");
        var manifest = Manifest(ns, host);

        GitOpsReconciler reconciler;
        JsonObject final;
        int appliedDuringRun;
        await using (reconciler = await GitOpsReconciler.StartAsync(world.Emulator, manifest, mode))
        {
            await reconciler.WaitForReconciliationsAsync();
            var appliedBefore = reconciler.Applies;
            final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestGatewayAsync(fixture.Host, ns, "web"));
            appliedDuringRun = reconciler.Applies - appliedBefore;
            await reconciler.WaitForReconciliationsAsync();
        }

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput);
        Assert.Empty(reconciler.Failures);
        Assert.True(appliedDuringRun >= 1, "the reconciler did not apply while the issuance ran");
        Assert.Empty(reconciler.Drift);
        var live = await E2E.GetJsonAsync(world, "get", "gateway", "web", "-n", ns, "--show-managed-fields");
        Assert.Empty(GitOpsReconciler.Differences(manifest, live));
        Assert.DoesNotContain(live["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["manager"] == "certfunctions");
        await GatewayAssertions.AssertCertificateAsync(world, ns, "web-tls", [host]);
        Assert.Empty(await GatewayAssertions.HttpRoutesAsync(world, ns));
    }

    private static JsonObject Manifest(string ns, string host) => JsonNode.Parse($$"""
        {
          "apiVersion": "gateway.networking.k8s.io/v1",
          "kind": "Gateway",
          "metadata": {
            "name": "web",
            "namespace": "{{ns}}",
            "labels": { "app.kubernetes.io/part-of": "shop" },
            "annotations": { "certfunctions.io/enabled": "true" }
          },
          "spec": {
            "gatewayClassName": "{{GatewaySeeder.ClassName}}",
            "listeners": [
              { "name": "http", "protocol": "HTTP", "port": 80, "allowedRoutes": { "namespaces": { "from": "Same" } } },
              {
                "name": "https",
                "protocol": "HTTPS",
                "port": 443,
                "hostname": "{{host}}",
                "tls": { "mode": "Terminate", "certificateRefs": [ { "group": "", "kind": "Secret", "name": "web-tls" } ] },
                "allowedRoutes": { "namespaces": { "from": "Same" } }
              }
            ]
          }
        }
        """)!.AsObject();
}

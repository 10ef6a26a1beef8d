using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The renewal scan's leftover sweep removes the solver HTTPRoutes of Gateways whose run ended, by our labels, and nothing else.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class SolverRouteSweepTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_route_left_by_an_ended_run_is_removed_and_a_running_runs_route_and_a_users_route_are_kept()
    {
        var ns = await emulator.CreateNamespaceAsync("route-sweep");
        using var client = emulator.CreateKubernetesClient();
        await GatewayObjects.ApplyAsync(client, ns, GatewayObjects.EmulatorController, GatewayObjects.Http("http"), GatewayObjects.Https("a", $"a.{ns}.example.test", "a-tls"));
        var ended = CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "web");
        var running = CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "busy");
        await CreateAsync(client, ns, SolverHttpRouteBuilder.Build(ended, ["http"], [$"a.{ns}.example.test"], ["tokEnded".PadRight(43, 'x')], Target));
        await CreateAsync(client, ns, SolverHttpRouteBuilder.Build(running, ["http"], [$"b.{ns}.example.test"], ["tokBusy".PadRight(43, 'x')], Target));
        var mine = CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "mine");
        var users = SolverHttpRouteBuilder.Build(mine, ["http"], [$"c.{ns}.example.test"], ["tokUser".PadRight(43, 'x')], Target);
        users["metadata"]!["labels"]!.AsObject().Remove("app.kubernetes.io/managed-by");
        await CreateAsync(client, ns, users);
        var gateway = new ScanTestGateway();
        gateway.States[ended.InstanceId] = OrchestrationState.Failed;
        gateway.States[running.InstanceId] = OrchestrationState.Running;
        using var services = ScanTestServices.Build(emulator, azurite, gateway, new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = "false" });

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.Equal(new[] { SolverHttpRouteBuilder.NameFor(running), SolverHttpRouteBuilder.NameFor(mine) }.Order(StringComparer.Ordinal), await RouteNamesAsync(client, ns));
        Assert.True(report.LeftoversRemoved >= 1, string.Join(" | ", report.Problems));
        Assert.DoesNotContain(report.Problems, p => p.Contains(ns, StringComparison.Ordinal) && p.Contains("HTTPRoute", StringComparison.Ordinal));
        var events = (await client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        var removed = Assert.Single(events, e => e.Reason == "ChallengeLeftoversRemoved");
        Assert.Equal(("Gateway", "web"), (removed.InvolvedObject.Kind, removed.InvolvedObject.Name));

        // A second sweep finds nothing more to remove.
        await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);
        Assert.Single((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Reason == "ChallengeLeftoversRemoved");
        Assert.Equal(2, (await RouteNamesAsync(client, ns)).Length);
    }

    private static readonly SolverHttpRouteTarget Target = SolverHttpRouteTarget.Redirect(new Uri("https://responder.example.test/"));

    private static Task CreateAsync(IKubernetes client, string ns, JsonObject route) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(route, GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.HttpRoutes);

    private static async Task<string[]> RouteNamesAsync(IKubernetes client, string ns)
    {
        var list = GatewayCertificatesReader.ToObject(await client.CustomObjects.ListNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.HttpRoutes));
        return [.. (list["items"] as JsonArray ?? []).Select(r => (string)r!["metadata"]!["name"]!).Order(StringComparer.Ordinal)];
    }
}

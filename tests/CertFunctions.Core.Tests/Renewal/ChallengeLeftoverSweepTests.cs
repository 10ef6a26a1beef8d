using CertFunctions.Core.Certificates;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Kubernetes.Integration;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>
/// The renewal scan against the emulator and Azurite removes challenge routing that an issuance no longer running
/// left behind (in place, solver Ingress, tokens), keeps a running issuance's routing, and keeps routing added after
/// it looked.
/// </summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ChallengeLeftoverSweepTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_scan_removes_the_challenge_routing_an_ended_issuance_left_and_restores_the_ingress()
    {
        var ns = await emulator.CreateNamespaceAsync("leftover");
        var gateway = new ScanTestGateway();
        // The scan runs a minute later: leftovers are older than the scan that finds them (tokens written after it began are a newer run's).
        using var services = Build(gateway, new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1)));
        using var client = emulator.CreateKubernetesClient();
        var web = await CreateIngressAsync(client, ns, "web", optedIn: true, routing: "in-place");
        var shop = await CreateIngressAsync(client, ns, "shop", optedIn: true, routing: "solver-ingress");
        var old = await CreateIngressAsync(client, ns, "old", optedIn: true, routing: "in-place");
        await PresentAsync(services, ns, "web", RoutingStrategy.InPlace, Token("tokWeb1"));
        await PresentAsync(services, ns, "shop", RoutingStrategy.SolverIngress, Token("tokShop1"));
        await PresentAsync(services, ns, "old", RoutingStrategy.InPlace, Token("tokOld1"));

        // "old" stopped opting in while its route was up; "web" ended in failure, "shop" completed, "old" has no instance.
        await client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"metadata":{"annotations":{"certfunctions.io/enabled":"false"}}}""", V1Patch.PatchType.MergePatch), "old", ns);
        gateway.States[Ref(ns, "web").InstanceId] = OrchestrationState.Failed;
        gateway.States[Ref(ns, "shop").InstanceId] = OrchestrationState.Completed;

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.True(report.LeftoversRemoved >= 3, $"removed {report.LeftoversRemoved}; problems: {string.Join(" | ", report.Problems)}");
        foreach (var (name, before) in new[] { ("web", web), ("shop", shop), ("old", old) })
        {
            var after = await Objects.ReadIngressAsync(client, ns, name);
            Assert.Equal(Objects.SpecJson(before), Objects.SpecJson(after));
            Assert.False(after.Metadata.Annotations?.ContainsKey(CertFunctionsAnnotations.PresentedPaths) ?? false, name);
        }

        var ingresses = await client.NetworkingV1.ListNamespacedIngressAsync(ns);
        Assert.Equal(["old", "shop", "web"], ingresses.Items.Select(i => i.Metadata.Name).Order());
        var tokens = services.GetRequiredService<ChallengeTokenStore>();
        foreach (var token in new[] { Token("tokWeb1"), Token("tokShop1"), Token("tokOld1") })
        {
            Assert.Null(await tokens.ReadAsync(token, CancellationToken.None));
        }

        var events = (await client.CoreV1.ListNamespacedEventAsync(ns)).Items.Where(e => e.Reason == "ChallengeLeftoversRemoved").ToList();
        Assert.Equal(["old", "shop", "web"], events.Select(e => e.InvolvedObject.Name).Order());
        Assert.Contains("Failed", Assert.Single(events, e => e.InvolvedObject.Name == "web").Message, StringComparison.Ordinal);
        Assert.Contains("1 solver Ingress", Assert.Single(events, e => e.InvolvedObject.Name == "shop").Message, StringComparison.Ordinal);

        // Nothing left, nothing more to do: the next scan records no new removal.
        var again = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);
        Assert.DoesNotContain(again.Problems, p => p.Contains(ns, StringComparison.Ordinal));
        Assert.Equal(3, (await client.CoreV1.ListNamespacedEventAsync(ns)).Items.Count(e => e.Reason == "ChallengeLeftoversRemoved"));
    }

    [Fact]
    public async Task A_running_issuance_keeps_its_challenge_routing_and_tokens()
    {
        var ns = await emulator.CreateNamespaceAsync("running");
        var gateway = new ScanTestGateway();
        using var services = Build(gateway);
        using var client = emulator.CreateKubernetesClient();
        await CreateIngressAsync(client, ns, "web", optedIn: true, routing: "in-place");
        await CreateIngressAsync(client, ns, "shop", optedIn: true, routing: "solver-ingress");
        await PresentAsync(services, ns, "web", RoutingStrategy.InPlace, Token("tokRunWeb"));
        await PresentAsync(services, ns, "shop", RoutingStrategy.SolverIngress, Token("tokRunShop"));
        gateway.States[Ref(ns, "web").InstanceId] = OrchestrationState.Running;
        gateway.States[Ref(ns, "shop").InstanceId] = OrchestrationState.Pending;
        var webBefore = await Objects.ReadIngressAsync(client, ns, "web");

        await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        var webAfter = await Objects.ReadIngressAsync(client, ns, "web");
        Assert.Equal(webBefore.Metadata.ResourceVersion, webAfter.Metadata.ResourceVersion);
        Assert.Equal(3, (await client.NetworkingV1.ListNamespacedIngressAsync(ns)).Items.Count);
        var tokens = services.GetRequiredService<ChallengeTokenStore>();
        Assert.NotNull(await tokens.ReadAsync(Token("tokRunWeb"), CancellationToken.None));
        Assert.NotNull(await tokens.ReadAsync(Token("tokRunShop"), CancellationToken.None));
        Assert.DoesNotContain((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Reason == "ChallengeLeftoversRemoved");
    }

    [Fact]
    public async Task Routing_a_new_run_added_after_the_scan_looked_is_kept()
    {
        var ns = await emulator.CreateNamespaceAsync("newrun");
        using var services = Build(new ScanTestGateway());
        using var client = emulator.CreateKubernetesClient();
        await CreateIngressAsync(client, ns, "web", optedIn: true, routing: "in-place");
        await CreateIngressAsync(client, ns, "shop", optedIn: true, routing: "solver-ingress");
        var oldWeb = await PresentAsync(services, ns, "web", RoutingStrategy.InPlace, Token("tokOldWeb"));
        await PresentAsync(services, ns, "shop", RoutingStrategy.SolverIngress, Token("tokOldShop"));
        var router = services.GetRequiredService<ChallengeRouter>();
        var seenSolvers = await services.GetRequiredService<SolverIngressChallengeRouting>().ListAllAsync(ScanTestServices.Cluster, CancellationToken.None);
        var seen = new ChallengeLeftover(Ref(ns, "web"), oldWeb.Paths, []);
        var seenShop = new ChallengeLeftover(Ref(ns, "shop"), [], [.. seenSolvers.Where(s => s.Certificate.Namespace == ns)]);
        Assert.Single(seenShop.SolverIngresses);

        // A new run starts in between: it clears the old routing by label and presents its own tokens.
        await router.RemoveLeftoversAsync(Ref(ns, "web"), CancellationToken.None);
        await router.RemoveLeftoversAsync(Ref(ns, "shop"), CancellationToken.None);
        await PresentAsync(services, ns, "web", RoutingStrategy.InPlace, Token("tokNewWeb"));
        var newShop = await PresentAsync(services, ns, "shop", RoutingStrategy.SolverIngress, Token("tokNewShop"));

        var web = await router.RemoveSeenAsync(seen, CancellationToken.None);
        var shop = await router.RemoveSeenAsync(seenShop, CancellationToken.None);

        Assert.Equal(0, web.RemovedPaths);
        Assert.Equal(0, shop.RemovedSolverIngresses);
        var ingress = await Objects.ReadIngressAsync(client, ns, "web");
        Assert.Contains(ingress.Spec.Rules.SelectMany(r => r.Http.Paths), p => p.Path == "/.well-known/acme-challenge/" + Token("tokNewWeb"));
        var solver = await Objects.ReadIngressAsync(client, ns, newShop.SolverIngressName!);
        Assert.Contains(solver.Spec.Rules.SelectMany(r => r.Http.Paths), p => p.Path == "/.well-known/acme-challenge/" + Token("tokNewShop"));
    }

    [Fact]
    public async Task A_new_run_handed_the_same_token_after_the_scan_looked_keeps_its_route_and_token()
    {
        // Let's Encrypt reuses an account's pending authorizations: the new run can present the very token the scan saw.
        var ns = await emulator.CreateNamespaceAsync("sametoken");
        using var services = Build(new ScanTestGateway());
        using var client = emulator.CreateKubernetesClient();
        await CreateIngressAsync(client, ns, "web", optedIn: true, routing: "in-place");
        var token = Token("tokSameAgain");
        await PresentAsync(services, ns, "web", RoutingStrategy.InPlace, token);
        var published = await services.GetRequiredService<ChallengeTokenStore>().ListPublishedAsync(CancellationToken.None);
        var seen = new List<DiscoveredIngress>();
        await foreach (var found in services.GetRequiredService<IngressDiscovery>().ListAsync(ScanTestServices.Cluster, CancellationToken.None))
        {
            if (found.Certificate.Namespace == ns)
            {
                seen.Add(found);
            }
        }

        Assert.NotNull(Assert.Single(seen).ResourceVersion);
        await services.GetRequiredService<ChallengeRouter>().RemoveLeftoversAsync(Ref(ns, "web"), CancellationToken.None);
        await PresentAsync(services, ns, "web", RoutingStrategy.InPlace, token);

        var result = await services.GetRequiredService<ChallengeLeftoverSweep>().SweepAsync(
            ScanTestServices.Cluster, (IEnumerable<Core.Kubernetes.Discovery.DiscoveredIngress>)seen, published, new ScanTestGateway(), CancellationToken.None);

        Assert.Empty(result.Problems);
        var ingress = await Objects.ReadIngressAsync(client, ns, "web");
        Assert.Contains(ingress.Spec.Rules.SelectMany(r => r.Http.Paths), p => p.Path == "/.well-known/acme-challenge/" + token);
        Assert.NotNull(await services.GetRequiredService<ChallengeTokenStore>().ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Tokens_of_an_instance_that_ended_before_routing_them_are_deleted_after_the_grace()
    {
        var gateway = new ScanTestGateway();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        gateway.States["cert_running_" + suffix] = OrchestrationState.Running;
        gateway.States["cert_done_" + suffix] = OrchestrationState.Completed;
        using var services = Build(gateway);
        var store = services.GetRequiredService<ChallengeTokenStore>();
        foreach (var owner in new[] { "cert_gone_", "cert_running_", "cert_done_" })
        {
            await store.PublishAsync(owner + suffix, [new PublishedChallenge(Token(owner + suffix), "key-authorization", ["x.example.test"])], CancellationToken.None);
        }

        var sweep = services.GetRequiredService<ChallengeLeftoverSweep>();
        Assert.Equal(0, await sweep.SweepTokensAsync(await sweep.ListTokensAsync(CancellationToken.None), DateTimeOffset.UtcNow, gateway, CancellationToken.None));

        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + ChallengeLeftoverSweep.TokenGrace + TimeSpan.FromMinutes(1));
        using var afterGrace = ScanTestServices.Build(
            emulator,
            azurite,
            gateway,
            new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = "false" },
            s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(later)));
        var report = await afterGrace.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.True(report.TokensRemoved >= 2, $"removed {report.TokensRemoved}");
        Assert.Null(await store.ReadAsync(Token("cert_gone_" + suffix), CancellationToken.None));
        Assert.Null(await store.ReadAsync(Token("cert_done_" + suffix), CancellationToken.None));
        Assert.NotNull(await store.ReadAsync(Token("cert_running_" + suffix), CancellationToken.None));
    }

    /// <summary>A valid ACME token (base64url, 43 characters) that still reads as its label.</summary>
    private static string Token(string label) => label.PadRight(43, 'x');

    private static CertificateRef Ref(string ns, string ingress) => new(ScanTestServices.Cluster, ns, ingress);

    private static async Task<V1Ingress> CreateIngressAsync(IKubernetes client, string ns, string name, bool optedIn, string routing)
    {
        var annotations = new Dictionary<string, string> { ["certfunctions.io/routing"] = routing };
        if (optedIn)
        {
            annotations["certfunctions.io/enabled"] = "true";
        }

        return await Objects.CreateIngressAsync(client, ns, Ingresses.Create(name, ns, annotations, [$"{name}.{ns}.leftover.example.test"]));
    }

    private static async Task<PresentedChallenge> PresentAsync(ServiceProvider services, string ns, string ingress, RoutingStrategy strategy, string token)
    {
        var certificate = Ref(ns, ingress);
        var host = $"{ingress}.{ns}.leftover.example.test";
        await services.GetRequiredService<ChallengeTokenStore>().PublishAsync(
            certificate.InstanceId, [new PublishedChallenge(token, token + ".thumbprint", [host])], CancellationToken.None);
        return await services.GetRequiredService<ChallengeRouter>().PresentAsync(
            new ChallengeRoutingRequest(certificate, [host], [token], strategy), CancellationToken.None);
    }

    private ServiceProvider Build(ScanTestGateway gateway, TimeProvider? time = null) =>
        ScanTestServices.Build(
            emulator,
            azurite,
            gateway,
            new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = "false" },
            services => services.Replace(ServiceDescriptor.Singleton(time ?? TimeProvider.System)));
}

using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Listing;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Kubernetes.Tls;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Processes;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RbacTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task The_role_in_infra_grants_exactly_the_verbs_a_full_issuance_and_renewal_use()
    {
        var ns = await emulator.CreateNamespaceAsync("rbac");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(
            annotations: new Dictionary<string, string> { ["kubernetes.io/tls-acme"] = "true" },
            hosts: ["www.example.com"],
            className: "nginx"));
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var other = await emulator.CreateNamespaceAsync("rbacother");
        await GatewayObjects.ApplyAsync(client, ns, GatewayObjects.EmulatorController,
            GatewayObjects.Http("http"), GatewayObjects.Https("www", "gw.example.com", "gw-tls"), GatewayObjects.Https("other", "other.example.com", "other-tls", secretNamespace: other));
        var gateway = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web").ForSecret(ns, "gw-tls");
        using var host = KubernetesTestHost.Create(emulator, new Dictionary<string, string?>
        {
            ["Challenge:ResponderExternalName"] = "myapp.azurewebsites.net",
            ["Challenge:ResponderUrl"] = "https://myapp.azurewebsites.net",
        });
        using var moved = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Challenge:ResponderExternalName"] = "moved.azurewebsites.net" });
        await emulator.ResetAuditAsync();

        await RunIssuanceAsync(host, certificate, RoutingStrategy.InPlace, IngressEventReasons.CertificateIssued);
        await RunIssuanceAsync(host, certificate, RoutingStrategy.SolverIngress, IngressEventReasons.CertificateRenewed);
        await RunIssuanceAsync(moved, certificate, RoutingStrategy.SolverIngress, IngressEventReasons.CertificateRenewed);
        await RunIssuanceAsync(host, gateway, RoutingStrategy.HttpRouteRedirect, IngressEventReasons.CertificateIssued);

        var used = (await emulator.GetAuditAsync())
            .Where(e => e.Code != 401)
            .Select(e => $"{e.Group}/{e.Resource}:{e.Verb}")
            .ToHashSet();
        var granted = ClusterRoleGrants();

        Assert.Equal(granted.Order(), used.Order());
    }

    private static async Task RunIssuanceAsync(KubernetesTestHost host, CertificateRef certificate, RoutingStrategy strategy, string issuedReason)
    {
        await foreach (var _ in host.Get<IngressDiscovery>().ListAsync(certificate.Cluster, CancellationToken.None))
        {
        }

        await foreach (var _ in host.Get<DeployedCertificateReader>().ListManagedAsync(certificate.Cluster, certificate.Namespace, CancellationToken.None))
        {
        }

        // The scan's opted-in Gateways (whole objects, cluster-wide), then its leftover sweep: our solver Ingresses in every namespace.
        await foreach (var _ in host.Get<ObjectLists>().ListAsync(certificate.Cluster, ListedKind.Gateways, ListShape.Full, null, null, null, CancellationToken.None))
        {
        }

        await host.Get<SolverIngressChallengeRouting>().ListAllAsync(certificate.Cluster, CancellationToken.None);
        if (certificate.IsGateway)
        {
            // What the Gateway's run adds: read it (and the ReferenceGrants of the other namespace), report its listeners.
            await host.Get<GatewayProblemReporter>().ReportAsync(
                await host.Get<GatewayCertificatesReader>().ReadAsync(certificate.WholeObject, CancellationToken.None), CancellationToken.None);
        }

        var spec = await host.Get<IngressCertificateReader>().ReadAsync(certificate, CancellationToken.None);
        var deployed = await host.Get<DeployedCertificateReader>().ReadAsync(certificate, spec.SecretName, CancellationToken.None);
        var router = host.Get<ChallengeRouter>();
        await router.RemoveLeftoversAsync(certificate, CancellationToken.None);
        var presented = await router.PresentAsync(new ChallengeRoutingRequest(certificate, spec.Hosts, ["token" + strategy], strategy), CancellationToken.None);
        var events = host.Get<IngressEventRecorder>();
        await events.RecordAsync(certificate, IngressEventReasons.ChallengePresented, "Challenge routed", IngressEventType.Normal, CancellationToken.None);
        await router.RemoveAsync(presented, CancellationToken.None);
        var issued = TestCertificateAuthority.Shared.Issue(spec.Hosts);
        await host.Get<TlsSecretWriter>().WriteAsync(
            certificate, spec.SecretName, issued.ChainPem, issued.KeyPem, new TlsSecretMetadata("https://acme.example/directory", null), spec.AdoptSecret, CancellationToken.None);
        await host.Get<IngressTlsBinder>().AttachAsync(certificate, spec.Hosts, spec.SecretName, CancellationToken.None);
        await events.RecordAsync(certificate, issuedReason, deployed is null ? "Certificate issued" : "Certificate renewed", IngressEventType.Normal, CancellationToken.None);
    }

    private static HashSet<string> ClusterRoleGrants()
    {
        var yaml = File.ReadAllText(Path.Combine(ProgramLocator.RepositoryRoot, "infra", "k8s", "rbac.yaml"));
        var role = KubernetesYaml.LoadAllFromString(yaml).OfType<V1ClusterRole>().Single(r => r.Metadata.Name == "certfunctions");
        return role.Rules
            .SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource => rule.Verbs.Select(verb => $"{group}/{resource}:{verb}"))))
            .ToHashSet();
    }
}

using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using k8s;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

/// <summary>One owner per Secret, in the write path, against the emulator: an Ingress and a Gateway naming the same Secret.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class SecretOwnerGuardTests(KubeApiEmulatorFixture emulator)
{
    private const string Shared = "shared-tls";
    private static readonly TlsSecretMetadata Metadata = new("https://acme.example/directory", null, "production");

    [Fact]
    public async Task A_gateway_cannot_write_a_secret_an_opted_in_ingress_owns_and_the_secret_stays_as_it_was()
    {
        using var scene = await SeedAsync("own-ingress");
        var (ns, client, writer, guard, ingress, gateway) = scene;
        var (chain, key, serial) = TestCertificateAuthority.Shared.Issue(["www.example.com"]);
        await writer.WriteAsync(ingress, Shared, chain, key, Metadata, allowAdopt: false, CancellationToken.None, guard);
        var (otherChain, otherKey, _) = TestCertificateAuthority.Shared.Issue(["gw.example.com"]);

        var refused = await Assert.ThrowsAsync<SecretOwnedByOtherException>(
            () => writer.WriteAsync(gateway, Shared, otherChain, otherKey, Metadata, allowAdopt: false, CancellationToken.None, guard));

        Assert.Equal(new SecretOwner(CertificateObjectKind.Ingress, ns, "web"), refused.Owner);
        Assert.Contains($"owned by Ingress {ns}/web", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Owner, await guard.OtherOwnerAsync(gateway, ns, Shared, CancellationToken.None));
        Assert.Null(await guard.OtherOwnerAsync(ingress, ns, Shared, CancellationToken.None));
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(Shared, ns);
        Assert.Equal(serial, secret.Metadata.Annotations["certfunctions.io/serial"]);
        Assert.Equal($"Ingress/{ns}/web", secret.Metadata.Annotations[SecretOwner.Annotation]);
    }

    [Fact]
    public async Task When_the_owner_is_deleted_the_other_object_takes_the_secret_over_and_is_recorded_as_its_owner()
    {
        using var scene = await SeedAsync("own-handover");
        var (ns, client, writer, guard, ingress, gateway) = scene;
        var (chain, key, _) = TestCertificateAuthority.Shared.Issue(["www.example.com"]);
        await writer.WriteAsync(ingress, Shared, chain, key, Metadata, allowAdopt: false, CancellationToken.None, guard);

        await client.NetworkingV1.DeleteNamespacedIngressAsync("web", ns);
        var (gatewayChain, gatewayKey, gatewaySerial) = TestCertificateAuthority.Shared.Issue(["gw.example.com"]);
        await writer.WriteAsync(gateway, Shared, gatewayChain, gatewayKey, Metadata, allowAdopt: false, CancellationToken.None, guard);

        var secret = await client.CoreV1.ReadNamespacedSecretAsync(Shared, ns);
        Assert.Equal(gatewaySerial, secret.Metadata.Annotations["certfunctions.io/serial"]);
        Assert.Equal($"Gateway/{ns}/web", secret.Metadata.Annotations[SecretOwner.Annotation]);
        Assert.Equal("web", secret.Metadata.Labels["certfunctions.io/gateway"]);
        Assert.False(secret.Metadata.Labels.ContainsKey("certfunctions.io/ingress"));
    }

    [Fact]
    public async Task Of_an_ingress_and_a_gateway_racing_to_write_a_new_secret_exactly_one_writes_and_the_other_stops()
    {
        using var scene = await SeedAsync("own-race");
        var (ns, client, writer, guard, ingress, gateway) = scene;
        var (ingressChain, ingressKey, ingressSerial) = TestCertificateAuthority.Shared.Issue(["www.example.com"]);
        var (gatewayChain, gatewayKey, gatewaySerial) = TestCertificateAuthority.Shared.Issue(["gw.example.com"]);

        var writes = new[]
        {
            Outcome(writer.WriteAsync(ingress, Shared, ingressChain, ingressKey, Metadata, allowAdopt: false, CancellationToken.None, guard)),
            Outcome(writer.WriteAsync(gateway, Shared, gatewayChain, gatewayKey, Metadata, allowAdopt: false, CancellationToken.None, guard)),
        };
        var outcomes = await Task.WhenAll(writes);

        Assert.Single(outcomes, o => o is null);
        var refused = Assert.Single(outcomes.OfType<SecretOwnedByOtherException>());
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(Shared, ns);
        var winner = refused.Owner.Kind == CertificateObjectKind.Ingress ? (Owner: $"Ingress/{ns}/web", Serial: ingressSerial) : (Owner: $"Gateway/{ns}/web", Serial: gatewaySerial);
        Assert.Equal(winner.Owner, secret.Metadata.Annotations[SecretOwner.Annotation]);
        Assert.Equal(winner.Serial, secret.Metadata.Annotations["certfunctions.io/serial"]);
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (SecretOwnedByOtherException ex)
        {
            return ex;
        }
    }

    // An opted-in Ingress "web" and an opted-in Gateway "web" in a fresh namespace, both naming Secret shared-tls.
    private async Task<Scene> SeedAsync(string prefix)
    {
        var ns = await emulator.CreateNamespaceAsync(prefix);
        var client = emulator.CreateKubernetesClient();
        var ingress = Ingresses.Create(
            "web",
            ns,
            new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true", ["certfunctions.io/secret-name"] = Shared },
            ["www.example.com"]);
        ingress.Metadata.ResourceVersion = null;
        await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);
        await GatewayObjects.ApplyAsync(client, ns, GatewayObjects.EmulatorController, GatewayObjects.Http("http"), GatewayObjects.Https("shop", "gw.example.com", Shared));
        return new Scene(ns, client, KubernetesTestHost.Create(emulator));
    }

    /// <summary>The seeded namespace, a client, the product's writer and guard, and the two objects naming the Secret.</summary>
    private sealed class Scene(string ns, IKubernetes client, KubernetesTestHost host) : IDisposable
    {
        public void Deconstruct(
            out string @namespace, out IKubernetes kubernetes, out TlsSecretWriter writer, out SecretOwnerGuard guard, out CertificateRef ingress, out CertificateRef gateway)
        {
            @namespace = ns;
            kubernetes = client;
            writer = host.Get<TlsSecretWriter>();
            guard = host.Get<SecretOwnerGuard>();
            ingress = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
            gateway = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web").ForSecret(ns, Shared);
        }

        public void Dispose()
        {
            client.Dispose();
            host.Dispose();
        }
    }
}

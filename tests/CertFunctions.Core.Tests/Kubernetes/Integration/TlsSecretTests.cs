using System.Text;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class TlsSecretTests(KubeApiEmulatorFixture emulator)
{
    private static readonly TlsSecretMetadata Metadata = new("https://acme.example/directory", new DateTimeOffset(2027, 1, 15, 8, 0, 0, TimeSpan.Zero), "production");

    [Fact]
    public async Task The_secret_holds_the_full_chain_and_key_with_our_label_and_annotations_and_reads_back()
    {
        var ns = await emulator.CreateNamespaceAsync("secret");
        using var client = emulator.CreateKubernetesClient();
        using var host = KubernetesTestHost.Create(emulator);
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var (chain, key, serial) = TestCertificateAuthority.Shared.Issue(["www.example.com", "api.example.com"]);

        var summary = await host.Get<TlsSecretWriter>().WriteAsync(certificate, "web-tls", chain, key, Metadata, allowAdopt: false, CancellationToken.None);
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("web-tls", ns);
        var deployed = await host.Get<DeployedCertificateReader>().ReadAsync(certificate, "web-tls", CancellationToken.None);

        Assert.True(summary.Created);
        Assert.Equal(serial, summary.Serial);
        Assert.Equal(2, summary.ChainLength);
        Assert.Equal(["www.example.com", "api.example.com"], summary.Domains);
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(2, CertificateMaterial.ParseChain(Encoding.UTF8.GetString(secret.Data["tls.crt"])).Certificates.Count);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Encoding.UTF8.GetString(secret.Data["tls.key"]));
        Assert.Equal("certfunctions", secret.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("web", secret.Metadata.Labels["certfunctions.io/ingress"]);
        Assert.Equal("www.example.com,api.example.com", secret.Metadata.Annotations["certfunctions.io/domains"]);
        Assert.Equal(serial, secret.Metadata.Annotations["certfunctions.io/serial"]);
        Assert.Equal("https://acme.example/directory", secret.Metadata.Annotations["certfunctions.io/acme-directory"]);
        Assert.Equal("2027-01-15T08:00:00Z", secret.Metadata.Annotations["certfunctions.io/renew-after"]);
        Assert.Equal(AnnotationTime.Format(summary.NotAfter), secret.Metadata.Annotations["certfunctions.io/not-after"]);
        Assert.Equal(TestCertificateAuthority.Shared.Intermediate.Subject, secret.Metadata.Annotations["certfunctions.io/issuer-dn"]);
        Assert.Equal("production", secret.Metadata.Annotations["certfunctions.io/issuer"]);
        Assert.NotNull(deployed);
        Assert.Equal("production", deployed.IssuerName);
        Assert.Equal(["www.example.com", "api.example.com"], deployed.DnsNames);
        Assert.Equal(serial, deployed.Serial);
        Assert.Equal(summary.NotBefore, deployed.NotBefore);
        Assert.Equal(summary.NotAfter, deployed.NotAfter);
        Assert.Equal(summary.Issuer, deployed.Issuer);
        Assert.True(deployed.ManagedByUs);
        Assert.Equal(Metadata.PlannedRenewal, deployed.PlannedRenewal);
        Assert.DoesNotContain(key.Trim(), System.Text.Json.JsonSerializer.Serialize(summary));
    }

    [Fact]
    public async Task A_secret_from_before_named_issuers_has_a_distinguished_name_where_the_issuer_name_goes_and_reads_as_none()
    {
        var ns = await emulator.CreateNamespaceAsync("oldsecret");
        using var client = emulator.CreateKubernetesClient();
        using var host = KubernetesTestHost.Create(emulator);
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var (chain, key, _) = TestCertificateAuthority.Shared.Issue(["old.example.com"]);
        await host.Get<TlsSecretWriter>().WriteAsync(certificate, "web-tls", chain, key, Metadata with { IssuerName = null }, allowAdopt: false, CancellationToken.None);

        // What an older version wrote: the issuer's distinguished name under certfunctions.io/issuer.
        var patch = new V1Patch("""{"metadata":{"annotations":{"certfunctions.io/issuer":"CN=Test Intermediate, O=Example"}}}""", V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNamespacedSecretAsync(patch, "web-tls", ns);

        var deployed = await host.Get<DeployedCertificateReader>().ReadAsync(certificate, "web-tls", CancellationToken.None);
        Assert.NotNull(deployed);
        Assert.Null(deployed.IssuerName);
    }

    [Fact]
    public async Task Renewal_replaces_certificate_and_key_and_keeps_what_others_added()
    {
        var ns = await emulator.CreateNamespaceAsync("renew");
        using var client = emulator.CreateKubernetesClient();
        using var host = KubernetesTestHost.Create(emulator);
        var writer = host.Get<TlsSecretWriter>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var first = TestCertificateAuthority.Shared.Issue(["www.example.com"]);
        await writer.WriteAsync(certificate, "web-tls", first.ChainPem, first.KeyPem, Metadata, false, CancellationToken.None);
        await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"blue"},"annotations":{"reflector/allowed":"true"}},"data":{"ca.crt":"Y2E="}}""", V1Patch.PatchType.MergePatch),
            "web-tls",
            ns);
        var second = TestCertificateAuthority.Shared.Issue(["www.example.com"]);

        var summary = await writer.WriteAsync(certificate, "web-tls", second.ChainPem, second.KeyPem, Metadata with { PlannedRenewal = null }, false, CancellationToken.None);
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("web-tls", ns);

        Assert.False(summary.Created);
        Assert.False(summary.Adopted);
        Assert.Equal(second.Serial, secret.Metadata.Annotations["certfunctions.io/serial"]);
        Assert.Equal(second.KeyPem.Trim() + "\n", Encoding.UTF8.GetString(secret.Data["tls.key"]));
        Assert.Equal("blue", secret.Metadata.Labels["team"]);
        Assert.Equal("true", secret.Metadata.Annotations["reflector/allowed"]);
        Assert.Equal("ca", Encoding.UTF8.GetString(secret.Data["ca.crt"]));
        Assert.False(secret.Metadata.Annotations.ContainsKey("certfunctions.io/renew-after"));
    }

    [Fact]
    public async Task A_secret_that_is_not_ours_is_refused_unless_the_ingress_allows_adoption()
    {
        var ns = await emulator.CreateNamespaceAsync("adopt");
        using var client = emulator.CreateKubernetesClient();
        var foreign = await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "web-tls", Labels = new Dictionary<string, string> { ["owner"] = "cert-manager" } },
                Type = "kubernetes.io/tls",
                Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes("theirs"), ["tls.key"] = Encoding.UTF8.GetBytes("theirs") },
            },
            ns);
        using var host = KubernetesTestHost.Create(emulator);
        var writer = host.Get<TlsSecretWriter>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var issued = TestCertificateAuthority.Shared.Issue(["www.example.com"]);

        var refused = await Assert.ThrowsAsync<SecretNotOwnedException>(() =>
            writer.WriteAsync(certificate, "web-tls", issued.ChainPem, issued.KeyPem, Metadata, allowAdopt: false, CancellationToken.None));
        var untouched = await client.CoreV1.ReadNamespacedSecretAsync("web-tls", ns);
        var adopted = await writer.WriteAsync(certificate, "web-tls", issued.ChainPem, issued.KeyPem, Metadata, allowAdopt: true, CancellationToken.None);
        var ours = await client.CoreV1.ReadNamespacedSecretAsync("web-tls", ns);

        Assert.False(refused.IsTransient);
        Assert.Contains(CertFunctionsAnnotations.AdoptSecret, refused.Message);
        Assert.Contains($"{ns}/web-tls", refused.Message);
        Assert.Equal(foreign.Metadata.ResourceVersion, untouched.Metadata.ResourceVersion);
        Assert.True(adopted.Adopted);
        Assert.Equal("certfunctions", ours.Metadata.Labels[CertFunctionsLabels.ManagedBy]);
        Assert.Equal("cert-manager", ours.Metadata.Labels["owner"]);
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_is_refused_before_anything_is_written()
    {
        var ns = await emulator.CreateNamespaceAsync("mismatch");
        using var client = emulator.CreateKubernetesClient();
        using var host = KubernetesTestHost.Create(emulator);
        var issued = TestCertificateAuthority.Shared.Issue(["www.example.com"]);
        var other = TestCertificateAuthority.Shared.Issue(["www.example.com"]);

        var ex = await Assert.ThrowsAsync<InvalidCertificateMaterialException>(() => host.Get<TlsSecretWriter>().WriteAsync(
            new CertificateRef(KubernetesTestHost.Cluster, ns, "web"), "web-tls", issued.ChainPem, other.KeyPem, Metadata, false, CancellationToken.None));
        var secrets = await client.CoreV1.ListNamespacedSecretAsync(ns);

        Assert.DoesNotContain("PRIVATE KEY", ex.Message);
        Assert.DoesNotContain(secrets.Items, s => s.Metadata.Name == "web-tls");
    }

    [Fact]
    public async Task A_missing_or_empty_secret_reads_as_no_deployed_certificate()
    {
        var ns = await emulator.CreateNamespaceAsync("nocert");
        using var client = emulator.CreateKubernetesClient();
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "garbage" }, Data = new Dictionary<string, byte[]> { ["tls.crt"] = [1, 2, 3] } }, ns);
        using var host = KubernetesTestHost.Create(emulator);
        var reader = host.Get<DeployedCertificateReader>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");

        Assert.Null(await reader.ReadAsync(certificate, "web-tls", CancellationToken.None));
        Assert.Null(await reader.ReadAsync(certificate, "garbage", CancellationToken.None));
    }
}

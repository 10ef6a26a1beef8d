using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ChallengeRoutingTests(KubeApiEmulatorFixture emulator)
{
    private const string Responder = "certfunctions-responder";

    [Fact]
    public async Task In_place_routes_the_token_to_the_responder_and_removal_restores_the_ingress_exactly()
    {
        var ns = await emulator.CreateNamespaceAsync("inplace");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateClusterIpServiceAsync(client, ns, Responder);
        await Objects.CreateClusterIpServiceAsync(client, ns, "web");
        await emulator.SetUpstreamAsync(ns, Responder, new Uri("http://127.0.0.1:9/responder"));
        var original = await Objects.CreateIngressAsync(client, ns, Ingresses.Create(hosts: ["www.example.com", "api.example.com"], className: "nginx"));
        using var host = KubernetesTestHost.Create(emulator);
        var router = host.Get<ChallengeRouter>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var request = new ChallengeRoutingRequest(certificate, ["www.example.com", "api.example.com"], ["tokenA"], RoutingStrategy.InPlace);

        var presented = await router.PresentAsync(request, CancellationToken.None);
        var afterPresent = await Objects.ReadIngressAsync(client, ns, "web");
        var again = await router.PresentAsync(request, CancellationToken.None);
        var afterSecondPresent = await Objects.ReadIngressAsync(client, ns, "web");

        Assert.Equal(2, presented.Paths.Count);
        Assert.Null(presented.SolverIngressName);
        Assert.Equal(presented.Paths, again.Paths);
        Assert.Equal(afterPresent.Metadata.ResourceVersion, afterSecondPresent.Metadata.ResourceVersion);
        Assert.All(afterPresent.Spec.Rules, r => Assert.Equal("/.well-known/acme-challenge/tokenA", r.Http.Paths[0].Path));
        Assert.Contains(CertFunctionsAnnotations.PresentedPaths, afterPresent.Metadata.Annotations.Keys);
        foreach (var name in new[] { "www.example.com", "api.example.com" })
        {
            var route = await emulator.ProbeRouteAsync(name, "/.well-known/acme-challenge/tokenA");
            Assert.Equal(200, (int)route["status"]!);
            Assert.StartsWith("http://127.0.0.1:9/responder", (string)route["url"]!);
            var site = await emulator.ProbeRouteAsync(name, "/index.html");
            Assert.NotEqual("http://127.0.0.1:9/responder", (string?)site["url"]);
        }

        await router.RemoveAsync(presented, CancellationToken.None);
        await router.RemoveAsync(presented, CancellationToken.None);
        var afterRemove = await Objects.ReadIngressAsync(client, ns, "web");

        Assert.Equal(Objects.SpecJson(original), Objects.SpecJson(afterRemove));
        Assert.True(afterRemove.Metadata.Annotations is null || !afterRemove.Metadata.Annotations.ContainsKey(CertFunctionsAnnotations.PresentedPaths));
    }

    [Fact]
    public async Task Solver_ingress_uses_an_external_name_responder_with_the_preset_and_leaves_the_user_ingress_alone()
    {
        var ns = await emulator.CreateNamespaceAsync("solver");
        using var client = emulator.CreateKubernetesClient();
        var original = await Objects.CreateIngressAsync(client, ns, Ingresses.Create(hosts: ["shop.example.com"], className: "nginx"));
        using var host = KubernetesTestHost.Create(emulator, new Dictionary<string, string?>
        {
            ["Challenge:ResponderExternalName"] = "myapp.azurewebsites.net",
            ["Challenge:ResponderServicePort"] = "443",
            ["Challenge:SolverPreset"] = "IngressNginx",
        });
        var router = host.Get<ChallengeRouter>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var request = new ChallengeRoutingRequest(certificate, ["shop.example.com"], ["tok1", "tok2"], RoutingStrategy.SolverIngress);

        var presented = await router.PresentAsync(request, CancellationToken.None);
        var again = await router.PresentAsync(request, CancellationToken.None);
        var solver = await Objects.ReadIngressAsync(client, ns, presented.SolverIngressName!);
        var service = await client.CoreV1.ReadNamespacedServiceAsync(Responder, ns);
        var route = await emulator.ProbeRouteAsync("shop.example.com", "/.well-known/acme-challenge/tok2");

        Assert.True(presented.ResponderServiceCreated);
        Assert.False(again.ResponderServiceCreated);
        Assert.Equal(presented.SolverIngressName, again.SolverIngressName);
        Assert.Equal("nginx", solver.Spec.IngressClassName);
        Assert.Equal("true", solver.Metadata.Labels[CertFunctionsLabels.Challenge]);
        Assert.Equal("web", solver.Metadata.Labels[CertFunctionsLabels.Ingress]);
        Assert.Equal("ExternalName", service.Spec.Type);
        Assert.Equal("myapp.azurewebsites.net", service.Spec.ExternalName);
        Assert.Equal(CertFunctionsLabels.ManagedByValue, service.Metadata.Labels[CertFunctionsLabels.ManagedBy]);
        Assert.Equal(200, (int)route["status"]!);
        Assert.Equal("https://myapp.azurewebsites.net/", (string)route["url"]!);
        Assert.Equal("myapp.azurewebsites.net", (string)route["hostHeader"]!);
        Assert.Equal(presented.SolverIngressName, (string)route["ingress"]!);

        await router.RemoveAsync(presented, CancellationToken.None);
        var user = await Objects.ReadIngressAsync(client, ns, "web");
        var solvers = await client.NetworkingV1.ListNamespacedIngressAsync(ns, labelSelector: $"{CertFunctionsLabels.Challenge}=true");

        Assert.Empty(solvers.Items);
        Assert.Equal(original.Metadata.ResourceVersion, user.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Ingress_nginx_over_https_gets_the_trust_secret_sni_needs_written_once_and_a_users_own_left_alone()
    {
        var roots = Path.Combine(Path.GetTempPath(), $"roots-{Guid.NewGuid():N}.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Test Root", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllTextAsync(roots, root.ExportCertificatePem());
        }

        var settings = new Dictionary<string, string?>
        {
            ["Challenge:ResponderExternalName"] = "myapp.azurewebsites.net",
            ["Challenge:ResponderServicePort"] = "443",
            ["Challenge:SolverPreset"] = "IngressNginx",
            ["Challenge:ResponderTrustedRootsPath"] = roots,
        };
        using var client = emulator.CreateKubernetesClient();
        using var host = KubernetesTestHost.Create(emulator, settings);
        var router = host.Get<ChallengeRouter>();

        // Ours: created with the configured roots, referenced by the solver Ingress, unchanged by a second run.
        var ns = await emulator.CreateNamespaceAsync("trust");
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(hosts: ["shop.example.com"], className: "nginx"));
        var request1 = new ChallengeRoutingRequest(new CertificateRef(KubernetesTestHost.Cluster, ns, "web"), ["shop.example.com"], ["tok1"], RoutingStrategy.SolverIngress);
        var presented = await router.PresentAsync(request1, CancellationToken.None);
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(ResponderProxyTrust.SecretName, ns);
        await router.PresentAsync(request1, CancellationToken.None);
        var again = await client.CoreV1.ReadNamespacedSecretAsync(ResponderProxyTrust.SecretName, ns);
        var solver = await Objects.ReadIngressAsync(client, ns, presented.SolverIngressName!);

        Assert.Equal((await File.ReadAllTextAsync(roots)).Trim(), System.Text.Encoding.ASCII.GetString(secret.Data[ResponderProxyTrust.CaKey]).Trim());
        Assert.Equal(secret.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        Assert.Equal($"{ns}/{ResponderProxyTrust.SecretName}", solver.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-ssl-secret"]);
        Assert.Equal("myapp.azurewebsites.net", solver.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-ssl-name"]);
        Assert.False(secret.Metadata.Labels.ContainsKey(CertFunctionsLabels.ManagedBy));

        // The user's: a Secret of that name they made is used as it is.
        var theirs = await emulator.CreateNamespaceAsync("trust-user");
        await Objects.CreateIngressAsync(client, theirs, Ingresses.Create(hosts: ["shop.example.com"], className: "nginx"));
        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = ResponderProxyTrust.SecretName }, Data = new Dictionary<string, byte[]> { [ResponderProxyTrust.CaKey] = "their roots"u8.ToArray() } },
            theirs);
        await router.PresentAsync(request1 with { Certificate = new CertificateRef(KubernetesTestHost.Cluster, theirs, "web") }, CancellationToken.None);
        var kept = await client.CoreV1.ReadNamespacedSecretAsync(ResponderProxyTrust.SecretName, theirs);

        Assert.Equal("their roots", System.Text.Encoding.ASCII.GetString(kept.Data[ResponderProxyTrust.CaKey]));
        File.Delete(roots);
    }

    [Fact]
    public async Task A_missing_responder_service_is_a_clear_error_and_nothing_is_written()
    {
        var ns = await emulator.CreateNamespaceAsync("noresponder");
        using var client = emulator.CreateKubernetesClient();
        var original = await Objects.CreateIngressAsync(client, ns, Ingresses.Create());
        using var host = KubernetesTestHost.Create(emulator);
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");

        var ex = await Assert.ThrowsAsync<ResponderServiceMissingException>(() => host.Get<ChallengeRouter>().PresentAsync(
            new ChallengeRoutingRequest(certificate, ["www.example.com"], ["tok"]), CancellationToken.None));
        var after = await Objects.ReadIngressAsync(client, ns, "web");

        Assert.False(ex.IsTransient);
        Assert.Contains($"{ns}/{Responder}", ex.Message);
        Assert.Equal(original.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Leftovers_of_a_crashed_run_are_found_by_label_and_annotation_and_removed()
    {
        var ns = await emulator.CreateNamespaceAsync("crash");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateClusterIpServiceAsync(client, ns, Responder);
        var original = await Objects.CreateIngressAsync(client, ns, Ingresses.Create(hosts: ["www.example.com"]));
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        using (var crashed = KubernetesTestHost.Create(emulator))
        {
            var router = crashed.Get<ChallengeRouter>();
            await router.PresentAsync(new ChallengeRoutingRequest(certificate, ["www.example.com", "new.example.com"], ["t1"], RoutingStrategy.InPlace), CancellationToken.None);
            await router.PresentAsync(new ChallengeRoutingRequest(certificate, ["www.example.com"], ["t2"], RoutingStrategy.SolverIngress), CancellationToken.None);

            // The run dies here: the PresentedChallenge records are lost.
        }

        var someoneElses = Ingresses.Create(name: "unrelated", hosts: ["other.example.com"]);
        someoneElses.Metadata.Labels = new Dictionary<string, string> { [CertFunctionsLabels.Challenge] = "true" };
        await Objects.CreateIngressAsync(client, ns, someoneElses);

        using var next = KubernetesTestHost.Create(emulator);
        var cleanup = await next.Get<ChallengeRouter>().RemoveLeftoversAsync(certificate, CancellationToken.None);
        var nothingLeft = await next.Get<ChallengeRouter>().RemoveLeftoversAsync(certificate, CancellationToken.None);
        var after = await Objects.ReadIngressAsync(client, ns, "web");
        var remaining = (await client.NetworkingV1.ListNamespacedIngressAsync(ns)).Items.Select(i => i.Metadata.Name).Order();

        Assert.Equal(2, cleanup.RemovedPaths);
        Assert.Equal(1, cleanup.RemovedSolverIngresses);
        Assert.Equal(new LeftoverCleanup(certificate, 0, 0), nothingLeft);
        Assert.Equal(Objects.SpecJson(original), Objects.SpecJson(after));
        Assert.Equal(["unrelated", "web"], remaining);
    }

    [Fact]
    public async Task A_changed_function_app_host_updates_our_external_name_service()
    {
        var ns = await emulator.CreateNamespaceAsync("extname");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create());
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var request = new ChallengeRoutingRequest(certificate, ["www.example.com"], ["tok"], RoutingStrategy.SolverIngress);
        using (var before = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Challenge:ResponderExternalName"] = "old.azurewebsites.net" }))
        {
            var presented = await before.Get<ChallengeRouter>().PresentAsync(request, CancellationToken.None);
            await before.Get<ChallengeRouter>().RemoveAsync(presented, CancellationToken.None);
        }

        using var after = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Challenge:ResponderExternalName"] = "new.azurewebsites.net" });
        var again = await after.Get<ChallengeRouter>().PresentAsync(request, CancellationToken.None);
        var service = await client.CoreV1.ReadNamespacedServiceAsync(Responder, ns);

        Assert.False(again.ResponderServiceCreated);
        Assert.Equal("new.azurewebsites.net", service.Spec.ExternalName);
        await after.Get<ChallengeRouter>().RemoveAsync(again, CancellationToken.None);
    }

    [Theory]
    [InlineData("solver-class", "nginx", null, "solver-class", null)]
    [InlineData(null, "nginx", null, "nginx", null)]
    [InlineData(null, null, "nginx", null, "nginx")]
    public async Task Solver_ingress_class_is_the_setting_else_the_users_class_else_a_copy_of_the_legacy_annotation(
        string? setting, string? userClass, string? legacyAnnotation, string? expectedClass, string? expectedAnnotation)
    {
        var ns = await emulator.CreateNamespaceAsync("class");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateClusterIpServiceAsync(client, ns, Responder);
        var annotations = legacyAnnotation is null ? null : new Dictionary<string, string> { ["kubernetes.io/ingress.class"] = legacyAnnotation };
        var user = await Objects.CreateIngressAsync(client, ns, Ingresses.Create(annotations: annotations, className: userClass));
        using var host = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Challenge:SolverIngressClassName"] = setting });
        var router = host.Get<ChallengeRouter>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");
        var spec = CertFunctions.Core.Kubernetes.Discovery.IngressCertificateSpecBuilder.Build(certificate, user, new ChallengeRoutingOptions());

        var presented = await router.PresentAsync(
            new ChallengeRoutingRequest(certificate, spec.Hosts, ["tok"], RoutingStrategy.SolverIngress, spec.SolverPreset, spec.IngressClassName),
            CancellationToken.None);
        var solver = await Objects.ReadIngressAsync(client, ns, presented.SolverIngressName!);
        await router.RemoveAsync(presented, CancellationToken.None);

        Assert.Equal(expectedClass, solver.Spec.IngressClassName);
        Assert.Equal(expectedAnnotation, solver.Metadata.Annotations?.TryGetValue("kubernetes.io/ingress.class", out var value) == true ? value : null);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>
/// The namespaced variant of the permissions (infra/k8s/rbac-namespaced.yaml): Ingresses read cluster-wide, everything
/// else only in the namespaces the user binds. The app issues there, and a namespace it may not write in is reported,
/// never silently skipped, while the rest of the cluster is renewed.
/// </summary>
public sealed class NamespacedRbacEndToEndTests : IAsyncLifetime
{
    private LocalWorld? _world;

    public async Task InitializeAsync() => _world = await LocalWorld.StartAsync(new LocalWorldOptions { ProductRbac = ProductRbac.Namespaced });

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bound_namespace_gets_its_certificate_and_an_unbound_one_is_reported_and_left_unchanged()
    {
        var world = _world!;
        var host = world.Host!;
        var granted = await E2E.SeedIngressAsync(world, "web", ["granted.namespaced.example.test"]);
        await world.GrantNamespaceAsync(granted);
        var denied = await E2E.SeedIngressAsync(world, "web", ["denied.namespaced.example.test"]);
        var deniedBefore = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", denied));

        var final = await E2E.WaitForOperationAsync(host, await E2E.RequestAsync(host, granted, "web"));
        using var refused = await host.RequestCertificateAsync(denied, "web");
        using var scan = await host.Http.PostAsync(new Uri("admin/functions/RenewalTimer", UriKind.Relative), null);
        var report = (await scan.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + host.RecentOutput);
        Assert.Equal("web-tls", (string?)(await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", granted))["metadata"]!["name"]);

        // The API refuses the unbound namespace with the cluster's reason; the scan lists it among its problems.
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("forbidden", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(
            report["problems"]!.AsArray().Select(p => (string)p!),
            p => p.Contains($"/{denied}/web", StringComparison.Ordinal) && p.Contains("forbidden", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(report["problems"]!.AsArray().Select(p => (string)p!), p => p.Contains($"/{granted}/", StringComparison.Ordinal));

        // Nothing was written in the unbound namespace.
        Assert.Equal(E2E.Pretty(deniedBefore), E2E.Pretty(E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", denied))));
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "secrets", "-n", denied))["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
    }
}

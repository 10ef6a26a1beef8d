using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Core.Http;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Http;

/// <summary>A cluster whose access cannot be built is reported, and the others keep working.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class UnavailableClusterApiTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string UnresolvedReference = "@Microsoft.KeyVault(VaultName=kv-certfn;SecretName=kubeconfig-edge)";

    [Fact]
    public async Task A_request_for_an_unavailable_cluster_gets_a_503_problem_naming_the_setting()
    {
        using var services = Build(new ScanTestGateway());
        var context = Context(services, """{"cluster":"edge","namespace":"shop","ingress":"web"}""");

        await services.GetRequiredService<CertificatesApi>().RequestAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        var problem = JsonNode.Parse(context.Response.Body)!;
        Assert.Contains("Kubernetes:Clusters:edge:Kubeconfig is a Key Vault reference", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_stays_200_and_names_the_unavailable_cluster()
    {
        using var services = Build(new ScanTestGateway());
        var context = Context(services, body: null);

        await services.GetRequiredService<HealthEndpoint>().HandleAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var health = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("degraded", (string?)health["status"]);
        var states = health["clusters"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (string?)c!["state"]);
        Assert.Equal("unavailable", states["edge"]);
        Assert.Equal("available", states[ScanTestServices.Cluster]);
        Assert.DoesNotContain("KeyVault", health.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scan_reports_the_unavailable_cluster_and_serves_the_others()
    {
        var gateway = new ScanTestGateway();
        using var services = Build(gateway);
        var (ns, _) = await ScanTestServices.SeedIssuedAsync(emulator, services, "still-scanned", DateTimeOffset.UtcNow.AddDays(-1));

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.Contains(report.Problems, p => p.StartsWith("cluster edge:", StringComparison.Ordinal) && p.Contains("Key Vault reference", StringComparison.Ordinal));
        Assert.Contains(gateway.Started, r => r.Certificate.Namespace == ns);
    }

    private ServiceProvider Build(ScanTestGateway gateway) => ScanTestServices.Build(emulator, azurite, gateway, new Dictionary<string, string?>
    {
        ["Kubernetes:Clusters:edge:Kubeconfig"] = UnresolvedReference,
        ["Renewal:CheckRenewalInfo"] = "false",
    });

    private static DefaultHttpContext Context(IServiceProvider services, string? body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        return context;
    }
}

using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Http;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Http;

/// <summary><c>GET /api/certificates</c> over the state kept in Azurite.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class CertificateListTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_list_marks_certificates_that_renewal_has_not_replaced_in_time_as_the_scan_does()
    {
        using var services = ScanTestServices.Build(emulator, azurite, new ScanTestGateway());
        var store = services.GetRequiredService<CertificateStateStore>();
        var now = DateTimeOffset.UtcNow;
        var ns = "list-" + Guid.NewGuid().ToString("N")[..8];
        await store.WriteAsync(State(ns, "fine", planned: now.AddDays(30), notAfter: now.AddDays(60)), CancellationToken.None);
        await store.WriteAsync(State(ns, "late", planned: now.AddDays(-20), notAfter: now.AddDays(10)), CancellationToken.None);
        await store.WriteAsync(State(ns, "gone", planned: now.AddDays(-40), notAfter: now.AddDays(-1)), CancellationToken.None);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await services.GetRequiredService<CertificatesApi>().ListAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var list = JsonNode.Parse(context.Response.Body)!["certificates"]!.AsArray()
            .Where(c => (string?)c!["certificate"]!["namespace"] == ns)
            .ToDictionary(c => (string)c!["certificate"]!["ingress"]!, c => (string?)c!["expiryRisk"]);
        Assert.Equal(3, list.Count);
        Assert.Null(list["fine"]);
        Assert.Equal("expiring", list["late"]);
        Assert.Equal("expired", list["gone"]);
    }

    private static CertificateState State(string ns, string ingress, DateTimeOffset planned, DateTimeOffset notAfter) =>
        new(new CertificateRef(ScanTestServices.Cluster, ns, ingress), [$"{ingress}.example.test"], ingress + "-tls", CertificateOutcome.Succeeded,
            planned.AddDays(-1), planned.AddDays(-1), 0, null, null, "0a1b2c", notAfter, planned, null);
}

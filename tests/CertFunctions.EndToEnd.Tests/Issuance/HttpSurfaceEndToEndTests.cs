using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

[Collection(LocalWorldCollection.Name)]
public sealed class HttpSurfaceEndToEndTests(LocalWorldFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("api/health")]
    public async Task Load_balancer_probes_get_200(string path)
    {
        using var response = await fixture.Host.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(".well-known/acme-challenge/LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0")]
    [InlineData(".well-known/acme-challenge/not-a-token")]
    [InlineData(".well-known/acme-challenge/..%2F..%2Fetc%2Fpasswd")]
    public async Task Unknown_or_malformed_tokens_get_404_text_without_caching(string path)
    {
        using var response = await fixture.Host.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task A_second_request_while_one_runs_reports_the_running_one()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "twice", ["twice.singleton.example.test"]);

        using var first = await fixture.Host.RequestCertificateAsync(ns, "twice");
        using var second = await fixture.Host.RequestCertificateAsync(ns, "twice");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var a = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var b = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.True((bool)a["started"]!);
        Assert.False((bool)b["started"]!);
        Assert.Equal((string?)a["id"], (string?)b["id"]);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.DoesNotContain("code=", second.Headers.Location!.ToString(), StringComparison.Ordinal);

        var final = await E2E.WaitForOperationAsync(fixture.Host, first.Headers.Location!);
        Assert.Equal("Completed", (string?)final["status"]);
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        Assert.Single(events["items"]!.AsArray(), e => (string?)e!["reason"] == "CertificateIssued");
    }
}

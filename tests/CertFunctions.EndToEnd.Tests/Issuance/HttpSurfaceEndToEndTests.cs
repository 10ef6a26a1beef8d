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

    [Fact]
    public async Task Links_name_the_public_address_the_front_end_forwarded()
    {
        // In Azure the worker sees the host's internal http forward; the client used https and the app's public name.
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "forwarded", ["forwarded.links.example.test"]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/certificates")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { @namespace = ns, ingress = "forwarded" }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "certs.links.example.test");

        using var response = await fixture.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = (string)body["id"]!;
        var expected = "https://certs.links.example.test/api/certificates/operations/" + Uri.EscapeDataString(id);
        Assert.Equal(expected, response.Headers.Location!.ToString());
        Assert.Equal(expected, (string?)body["statusUrl"]);
        var final = await E2E.WaitForOperationAsync(fixture.Host, new Uri("api/certificates/operations/" + Uri.EscapeDataString(id), UriKind.Relative));
        Assert.Equal("Completed", (string?)final["status"]);
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

[Collection(LocalWorldCollection.Name)]
public sealed class BadInputEndToEndTests(LocalWorldFixture fixture)
{
    public static TheoryData<string, string, HttpStatusCode, string> BadRequests => new()
    {
        { "application/json", """{"namespace":"Not_Valid","ingress":"web"}""", HttpStatusCode.BadRequest, "namespace" },
        { "application/json", """{"namespace":"demo","ingress":"-bad-"}""", HttpStatusCode.BadRequest, "ingress" },
        { "application/json", """{"namespace":"demo"}""", HttpStatusCode.BadRequest, "ingress" },
        { "application/json", """{"cluster":"nowhere","namespace":"demo","ingress":"web"}""", HttpStatusCode.BadRequest, "cluster" },
        { "application/json", """{"namespace": """, HttpStatusCode.BadRequest, "JSON" },
        { "text/plain", """{"namespace":"demo","ingress":"web"}""", HttpStatusCode.UnsupportedMediaType, "application/json" },
        { "application/json", """{"namespace":"no-such-namespace","ingress":"web"}""", HttpStatusCode.NotFound, "not found" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_get_problem_json_and_change_nothing(string contentType, string body, HttpStatusCode expected, string mentions)
    {
        var audit = await MutatingCallsAsync();
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await fixture.Host.Http.PostAsync(new Uri("api/certificates", UriKind.Relative), content);

        await AssertProblemAsync(response, expected, mentions);
        Assert.Equal(audit, await MutatingCallsAsync());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var body = "{\"namespace\":\"demo\",\"ingress\":\"web\",\"pad\":\"" + new string('x', 64 * 1024) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await fixture.Host.Http.PostAsync(new Uri("api/certificates", UriKind.Relative), content);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "at most");
    }

    [Fact]
    public async Task An_unknown_ingress_is_404_and_a_wildcard_host_is_400_with_nothing_written()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "wild", ["*.wild.example.test"]);
        var audit = await MutatingCallsAsync();

        using (var missing = await fixture.Host.RequestCertificateAsync(ns, "nope"))
        {
            await AssertProblemAsync(missing, HttpStatusCode.NotFound, "nope");
        }

        using (var wildcard = await fixture.Host.RequestCertificateAsync(ns, "wild"))
        {
            await AssertProblemAsync(wildcard, HttpStatusCode.BadRequest, "wildcard");
        }

        Assert.Equal(audit, await MutatingCallsAsync());
        var ingress = await E2E.GetJsonAsync(world, "get", "ingress", "wild", "-n", ns);
        Assert.Null(ingress["spec"]!["tls"]);
    }

    [Fact]
    public async Task An_ingress_that_does_not_opt_in_is_400_for_issuance_and_renewal_with_nothing_written()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "plain", ["plain.optout.example.test"], optIn: false);
        var audit = await MutatingCallsAsync();

        using (var issue = await fixture.Host.RequestCertificateAsync(ns, "plain"))
        {
            await AssertProblemAsync(issue, HttpStatusCode.BadRequest, "certfunctions.io/enabled");
        }

        using (var renew = await fixture.Host.Http.PostAsync(new Uri($"api/certificates/default/{ns}/plain/renew", UriKind.Relative), null))
        {
            await AssertProblemAsync(renew, HttpStatusCode.BadRequest, "never be renewed");
        }

        Assert.Equal(audit, await MutatingCallsAsync());
        Assert.Null((await E2E.GetJsonAsync(world, "get", "ingress", "plain", "-n", ns))["spec"]!["tls"]);
    }

    [Fact]
    public async Task An_ingress_naming_a_secret_another_opted_in_ingress_owns_is_409_with_nothing_written()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "first", ["first.shared.example.test"]);
        var issued = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "first"));
        Assert.True((string?)issued["status"] == "Completed", E2E.Pretty(issued));
        var secretName = (string)issued["result"]!["secretName"]!;
        await E2E.SeedIngressAsync(world, "second", ["second.shared.example.test"], new Dictionary<string, string> { ["certfunctions.io/secret-name"] = secretName }, inNamespace: ns);
        var serial = (string?)(await E2E.GetJsonAsync(world, "get", "secret", secretName, "-n", ns))["metadata"]!["annotations"]!["certfunctions.io/serial"];
        var audit = await MutatingCallsAsync();

        using (var response = await fixture.Host.RequestCertificateAsync(ns, "second"))
        {
            await AssertProblemAsync(response, HttpStatusCode.Conflict, "for Ingress first");
        }

        Assert.Equal(audit, await MutatingCallsAsync());
        var secret = await E2E.GetJsonAsync(world, "get", "secret", secretName, "-n", ns);
        Assert.Equal(serial, (string?)secret["metadata"]!["annotations"]!["certfunctions.io/serial"]);
    }

    [Fact]
    public async Task An_unknown_operation_is_404_problem_json()
    {
        using var response = await fixture.Host.Http.GetAsync(new Uri("api/certificates/operations/cert_default_x_y_00000000", UriKind.Relative));
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "no operation");
    }

    private async Task<int> MutatingCallsAsync()
        => (await fixture.World.Emulator.GetAuditAsync()).Count(e => e.Verb is "create" or "update" or "patch" or "delete" && e.Resource != "namespaces");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string mentions)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.Contains(mentions, text, StringComparison.OrdinalIgnoreCase);
    }
}

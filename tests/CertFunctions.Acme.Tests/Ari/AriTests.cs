using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme.Ari;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Tests.Support;

namespace CertFunctions.Acme.Tests.Ari;

/// <summary>
/// ACME Renewal Information (RFC 9773). The Debian Pebble (2.4) serves no renewalInfo, so these tests run at the HTTP
/// boundary against responses shaped exactly as RFC 9773 shows them.
/// </summary>
public sealed class AriTests
{
    // RFC 9773 section 4.1: AKI keyIdentifier 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4, serial 00:87:65:43:21.
    private static readonly byte[] RfcAuthorityKeyId = Convert.FromHexString("69885B6B87464041E1B37B847BA0AE2CDE01C8D4");
    private static readonly byte[] RfcSerial = Convert.FromHexString("0087654321");
    private const string RfcCertificateId = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";

    [Fact]
    public void The_certificate_id_matches_the_RFC_example()
    {
        Assert.Equal(RfcCertificateId, AriCertificateId.From(RfcAuthorityKeyId, RfcSerial));
    }

    [Fact]
    public void The_certificate_id_is_read_from_a_certificate_AKI_and_serial()
    {
        using var certificate = CreateRfcExampleCertificate();

        Assert.Equal(RfcCertificateId, AriCertificateId.From(certificate));
    }

    [Fact]
    public async Task RenewalInfo_returns_the_suggested_window_and_Retry_After()
    {
        using var key = AccountKey.Generate();
        using var certificate = CreateRfcExampleCertificate();
        var server = new FakeAcmeServer
        {
            Handle = request =>
            {
                // RFC 9773 section 4.2 example response.
                var response = FakeAcmeServer.Json(HttpStatusCode.OK, """
                    {
                      "suggestedWindow": {
                        "start": "2025-01-02T04:00:00Z",
                        "end": "2025-01-03T04:00:00Z"
                      },
                      "explanationURL": "https://acme.example.com/docs/ari"
                    }
                    """);
                response.Headers.Add("Retry-After", "21600");
                return request.Path == "/renewal-info/" + RfcCertificateId && request.Method == HttpMethod.Get
                    ? response
                    : FakeAcmeServer.Problem(HttpStatusCode.NotFound, "about:blank", "unexpected " + request.Path);
            },
        };
        using var client = server.CreateClient(key);

        var info = await client.GetRenewalInfoAsync(certificate);

        Assert.NotNull(info);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero), info.WindowStart);
        Assert.Equal(new DateTimeOffset(2025, 1, 3, 4, 0, 0, TimeSpan.Zero), info.WindowEnd);
        Assert.Equal(new Uri("https://acme.example.com/docs/ari"), info.ExplanationUrl);
        Assert.Equal(TimeSpan.FromHours(6), info.RetryAfter);
        Assert.InRange(info.ChooseRenewalTime(new Random(7)), info.WindowStart, info.WindowEnd);
        Assert.Equal(0, server.Count(HttpMethod.Head, "/nonce"));
    }

    [Fact]
    public async Task RenewalInfo_can_be_asked_for_by_the_certificate_identifier_alone()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            Handle = request => request.Path == "/renewal-info/" + RfcCertificateId && request.Method == HttpMethod.Get
                ? FakeAcmeServer.Json(HttpStatusCode.OK, """{"suggestedWindow":{"start":"2025-01-02T04:00:00Z","end":"2025-01-03T04:00:00Z"}}""")
                : FakeAcmeServer.Problem(HttpStatusCode.NotFound, "about:blank", "unexpected " + request.Path),
        };
        using var client = server.CreateClient(key);

        var info = await client.GetRenewalInfoAsync(RfcCertificateId);

        Assert.NotNull(info);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero), info.WindowStart);
        Assert.Null(info.RetryAfter);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetRenewalInfoAsync(string.Empty));
    }

    [Fact]
    public async Task RenewalInfo_is_null_when_the_CA_does_not_offer_it()
    {
        using var key = AccountKey.Generate();
        using var certificate = CreateRfcExampleCertificate();
        var server = new FakeAcmeServer { WithRenewalInfo = false };
        using var client = server.CreateClient(key);

        Assert.Null(await client.GetRenewalInfoAsync(certificate));
    }

    [Fact]
    public async Task An_order_rejected_for_its_replaces_field_is_placed_again_without_it()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            Handle = request =>
            {
                if (request.Payload!.Value.TryGetProperty("replaces", out _))
                {
                    return FakeAcmeServer.Problem(HttpStatusCode.Conflict, AcmeErrorTypes.AlreadyReplaced, "certificate already replaced");
                }

                var response = FakeAcmeServer.Json(HttpStatusCode.Created, """
                    {"status":"pending","identifiers":[{"type":"dns","value":"a.example.test"}],
                     "authorizations":["https://ca.test/authz/1"],"finalize":"https://ca.test/order/2/finalize"}
                    """);
                response.Headers.Location = new Uri("https://ca.test/order/2");
                return response;
            },
        };
        using var client = server.CreateClient(key);

        var order = await client.CreateOrderAsync(["a.example.test"], new OrderOptions { Replaces = RfcCertificateId });

        var orders = server.Requests.Where(r => r.Path == "/new-order").ToList();
        Assert.Equal(2, orders.Count);
        Assert.Equal(RfcCertificateId, orders[0].Payload!.Value.GetProperty("replaces").GetString());
        Assert.False(orders[1].Payload!.Value.TryGetProperty("replaces", out _));
        Assert.Equal(new Uri("https://ca.test/order/2"), order.Url);
    }

    [Fact]
    public async Task A_rate_limit_on_an_order_with_replaces_is_not_retried()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer { Handle = _ => FakeAcmeServer.Problem(HttpStatusCode.TooManyRequests, AcmeErrorTypes.RateLimited, "slow down") };
        using var client = server.CreateClient(key);

        await Assert.ThrowsAsync<AcmeRateLimitedException>(() => client.CreateOrderAsync(["a.example.test"], new OrderOptions { Replaces = RfcCertificateId }));

        Assert.Equal(1, server.Count(HttpMethod.Post, "/new-order"));
    }

    [Fact]
    public async Task Replaces_is_left_out_when_the_CA_has_no_renewalInfo()
    {
        using var key = AccountKey.Generate();
        var server = new FakeAcmeServer
        {
            WithRenewalInfo = false,
            Handle = _ =>
            {
                var response = FakeAcmeServer.Json(HttpStatusCode.Created, """{"status":"pending","authorizations":[],"finalize":"https://ca.test/f"}""");
                response.Headers.Location = new Uri("https://ca.test/order/3");
                return response;
            },
        };
        using var client = server.CreateClient(key);

        await client.CreateOrderAsync(["a.example.test"], new OrderOptions { Replaces = RfcCertificateId });

        var request = Assert.Single(server.Requests, r => r.Path == "/new-order");
        Assert.False(request.Payload!.Value.TryGetProperty("replaces", out _));
    }

    private static X509Certificate2 CreateRfcExampleCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=example.com", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(RfcAuthorityKeyId));
        var now = DateTimeOffset.UtcNow;
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return request.Create(new X500DistinguishedName("CN=Example CA"), generator, now.AddDays(-1), now.AddDays(1), RfcSerial);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CertFunctions.Acme.Jws;

namespace CertFunctions.Acme.Tests.Support;

/// <summary>An in-memory CA at the HTTP boundary: serves the directory and nonces, hands every other request to the test.</summary>
internal sealed class FakeAcmeServer : HttpMessageHandler
{
    public const string Base = "https://ca.test";
    private int _nonce;

    public static Uri DirectoryUrl { get; } = new(Base + "/dir");

    public static Uri AccountUrl { get; } = new(Base + "/acct/1");

    public bool WithRenewalInfo { get; init; } = true;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public Func<FakeRequest, HttpResponseMessage>? Handle { get; set; }

    public int Count(HttpMethod method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public AcmeClient CreateClient(AccountKey key, AcmeClientOptions? options = null, TimeProvider? time = null)
        => new(new HttpClient(this), DirectoryUrl, key, AccountUrl, options, timeProvider: time);

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string contentType = "application/json")
        => new(status) { Content = new StringContent(json, Encoding.UTF8, contentType) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string type, string detail, string? extra = null)
        => Json(status, $$"""{"type":"{{type}}","detail":"{{detail}}","status":{{(int)status}}{{extra}}}""", "application/problem+json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        JsonElement? payload = null;
        JsonElement? header = null;
        if (request.Content is not null)
        {
            using var jws = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            header = JsonDocument.Parse(Base64Url.Decode(jws.RootElement.GetProperty("protected").GetString()!)).RootElement;
            var encodedPayload = jws.RootElement.GetProperty("payload").GetString()!;
            payload = encodedPayload.Length == 0 ? null : JsonDocument.Parse(Base64Url.Decode(encodedPayload)).RootElement;
        }

        var recorded = new FakeRequest(request.Method, path, header, payload);
        Requests.Enqueue(recorded);
        var response = (request.Method.Method, path) switch
        {
            ("GET", "/dir") => Json(HttpStatusCode.OK, Directory()),
            ("HEAD", "/nonce") => new HttpResponseMessage(HttpStatusCode.OK),
            _ => Handle?.Invoke(recorded) ?? Problem(HttpStatusCode.NotFound, "about:blank", "no route " + path),
        };
        if (request.Method != HttpMethod.Get)
        {
            response.Headers.Add("Replay-Nonce", "nonce-" + Interlocked.Increment(ref _nonce));
        }

        return response;
    }

    private string Directory()
    {
        var renewal = WithRenewalInfo ? $$""","renewalInfo":"{{Base}}/renewal-info" """ : string.Empty;
        return $$"""
            {"newNonce":"{{Base}}/nonce","newAccount":"{{Base}}/new-acct","newOrder":"{{Base}}/new-order",
             "revokeCert":"{{Base}}/revoke","keyChange":"{{Base}}/key-change"{{renewal}}}
            """;
    }
}

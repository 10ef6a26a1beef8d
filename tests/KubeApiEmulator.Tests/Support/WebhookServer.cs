using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Pebble;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeApiEmulator.Tests.Support;

/// <summary>
/// An admission webhook on 127.0.0.1 over HTTPS with a throw-away CA: records every AdmissionReview it receives (with
/// the query string) and answers what <see cref="Answer"/> returns for it.
/// </summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PebbleTlsMaterial _tls;

    private WebhookServer(WebApplication app, PebbleTlsMaterial tls, Uri url)
    {
        _app = app;
        _tls = tls;
        Url = url;
    }

    /// <summary>The base URL (https://127.0.0.1:port).</summary>
    public Uri Url { get; }

    /// <summary>The caBundle that trusts this server (base64 of the CA's PEM).</summary>
    public string CaBundle => Convert.ToBase64String(Encoding.ASCII.GetBytes(_tls.Authority.ExportCertificatePem()));

    /// <summary>The reviews received, with the query string each came with.</summary>
    public ConcurrentQueue<(string Path, string Query, JsonObject Review)> Received { get; } = new();

    /// <summary>What to answer: the AdmissionReview response for a request (default: allow), or null to answer 500.</summary>
    public Func<JsonObject, JsonObject?> Answer { get; set; } = request => Allow(request);

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>An allowing response for <paramref name="request"/>.</summary>
    public static JsonObject Allow(JsonObject request) => new() { ["uid"] = (string?)request["uid"], ["allowed"] = true };

    /// <summary>Starts a webhook server on a free loopback port.</summary>
    public static async Task<WebhookServer> StartAsync()
    {
        var tls = PebbleTlsMaterial.Create();
        var certificate = X509Certificate2.CreateFromPem(tls.ServerCertificatePem, tls.ServerKeyPem);
        var serving = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serving)));
        var app = builder.Build();
        WebhookServer? server = null;
        app.Run(async context =>
        {
            var review = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            server!.Received.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, review));
            if (server.Delay > TimeSpan.Zero)
            {
                await Task.Delay(server.Delay);
            }

            var response = server.Answer(review["request"]!.AsObject());
            if (response is null)
            {
                context.Response.StatusCode = 500;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["kind"] = "AdmissionReview",
                ["response"] = response,
            }.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new WebhookServer(app, tls, new Uri(address));
        return server;
    }

    /// <summary>The requests received so far for objects in <paramref name="ns"/>.</summary>
    public List<JsonObject> RequestsIn(string ns) =>
        [.. Received.Select(r => r.Review["request"]!.AsObject()).Where(r => (string?)r["namespace"] == ns)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _tls.Dispose();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeApiEmulator.Tests.Support;

/// <summary>A small upstream on 127.0.0.1 that answers with what it received (name, method, path, Host), and redirects on /redirect.</summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoUpstream(WebApplication app, string name, Uri url)
    {
        _app = app;
        Name = name;
        Url = url;
    }

    /// <summary>The name it reports.</summary>
    public string Name { get; }

    /// <summary>Its base URL.</summary>
    public Uri Url { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => Url.Port;

    /// <summary>Starts an upstream called <paramref name="name"/> on a free port, over HTTPS with a self-signed certificate when <paramref name="https"/>.</summary>
    public static async Task<EchoUpstream> StartAsync(string name, bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https)
            {
                listen.UseHttps(SelfSignedCertificate());
            }
        }));
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path.StartsWithSegments("/redirect"))
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "https://elsewhere.example/target";
                return;
            }

            var body = new JsonObject
            {
                ["upstream"] = name,
                ["method"] = context.Request.Method,
                ["path"] = context.Request.Path.Value,
                ["query"] = context.Request.QueryString.Value,
                ["host"] = context.Request.Host.Value,
                ["forwardedHost"] = context.Request.Headers["X-Forwarded-Host"].ToString(),
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EchoUpstream(app, name, new Uri(address));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedCertificate()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=upstream", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }
}

using System.Net;
using KubeApiEmulator.Admin;
using KubeApiEmulator.Api;
using KubeApiEmulator.Controllers;
using KubeApiEmulator.Objects;
using KubeApiEmulator.Options;
using KubeApiEmulator.Routing;
using KubeApiEmulator.Security;
using KubeApiEmulator.Seeding;
using KubeApiEmulator.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KubeApiEmulator;

/// <summary>Builds and runs the emulator: the HTTPS API and the HTTP routing front on 127.0.0.1, in one process.</summary>
internal static partial class EmulatorHost
{
    /// <summary>Runs until the process is stopped; returns the exit code.</summary>
    public static async Task<int> RunAsync(EmulatorOptions options)
    {
        using var certificates = ServerCertificates.Generate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.ApiPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificates.Server);
            });
            kestrel.Listen(IPAddress.Loopback, options.FrontPort, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<ClusterIpAllocator>();
        services.AddSingleton<ObjectDefaults>();
        services.AddSingleton<Admission.WebhookClients>();
        services.AddSingleton<Admission.ValidatingWebhookDispatcher>();
        services.AddSingleton<Validation.Admission>();
        services.AddSingleton<ObjectOperations>();
        services.AddSingleton<ListReader>();
        services.AddSingleton<WatchStreamer>();
        services.AddSingleton<ResourceHandler>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton(new UpstreamMap(options.Upstreams));
        services.AddSingleton<IngressRouter>();
        services.AddSingleton<UpstreamForwarder>();
        services.AddGatewayController();
        services.AddSingleton<AdminEndpoints>();
        services.AddSingleton<ServiceAccountTokens>();
        services.AddSingleton<ServiceAccountTokenSecrets>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<RbacAuthorizer>();
        services.AddSingleton<ApiEndpoint>();
        services.AddSingleton<Seeder>();
        services.AddSingleton(_ => new HttpClient(UpstreamHandler.Create(options.InsecureUpstreamTls)) { Timeout = TimeSpan.FromSeconds(60) });
        services.AddSingleton<FrontProxy>();

        await using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KubeApiEmulator");
        var seeder = app.Services.GetRequiredService<Seeder>();
        seeder.CreateBuiltIns();
        try
        {
            var seeded = seeder.Load(options.SeedPaths);
            LogSeeded(logger, seeded);
            if (seeded > 0)
            {
                // The parsed seed documents are garbage now; give their memory back before serving.
                System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync("error: seed: " + ex.Message);
            return 3;
        }

        var api = app.Services.GetRequiredService<ApiEndpoint>();
        var front = app.Services.GetRequiredService<FrontProxy>();
        app.Run(context => context.Request.IsHttps ? api.HandleAsync(context) : front.HandleAsync(context));

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var apiUri = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        var frontUri = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        api.ServerAddress = apiUri.Authority;
        if (options.KubeconfigOut is not null)
        {
            await KubeconfigWriter.WriteAsync(options.KubeconfigOut, apiUri, certificates.AuthorityPem, options.Token, CancellationToken.None);
        }

        Console.WriteLine($"KubeApiEmulator ready api=https://{apiUri.Authority} front=http://{frontUri.Authority}" +
            (options.KubeconfigOut is null ? string.Empty : " kubeconfig=" + Path.GetFullPath(options.KubeconfigOut)));
        await app.WaitForShutdownAsync();
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "seeded {Count} objects")]
    private static partial void LogSeeded(ILogger logger, int count);
}

using CertFunctions.Core.Dashboard;
using CertFunctions.Core.Http;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Local.Hosting;

/// <summary>Maps the same routes as the Functions app onto Core's handlers.</summary>
public static class LocalEndpoints
{
    /// <summary>The Prometheus scrape route (behind the API key when one is set).</summary>
    public const string MetricsRoute = "/metrics";

    /// <summary>Maps the API and the dashboard (key-protected), the responder, health and the admin route that runs the renewal timer now.</summary>
    public static WebApplication MapCertFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(string.Empty).AddEndpointFilter<ApiKeyFilter>();
        api.MapPost("/" + CertificatesApi.CollectionRoute, (HttpContext context, CertificatesApi handler) => handler.RequestAsync(context));
        api.MapGet("/" + CertificatesApi.CollectionRoute, (HttpContext context, CertificatesApi handler) => handler.ListAsync(context));
        api.MapGet("/" + CertificatesApi.OperationRoute, (HttpContext context, string id, CertificatesApi handler) => handler.GetOperationAsync(context, id));
        api.MapDelete("/" + CertificatesApi.OperationRoute, (HttpContext context, string id, CertificatesApi handler) => handler.CancelOperationAsync(context, id));
        api.MapPost(
            "/" + CertificatesApi.RenewRoute,
            (HttpContext context, string cluster, string @namespace, string ingress, CertificatesApi handler) => handler.RenewAsync(context, cluster, @namespace, ingress));
        api.MapPost(
            "/" + CertificatesApi.GatewayRenewRoute,
            (HttpContext context, string cluster, string @namespace, string gateway, CertificatesApi handler) => handler.RenewGatewayAsync(context, cluster, @namespace, gateway));
        api.MapGet("/" + UndeliveredNotificationsApi.CollectionRoute, (HttpContext context, UndeliveredNotificationsApi handler) => handler.ListAsync(context));
        api.MapPost("/" + UndeliveredNotificationsApi.RedeliverAllRoute, (HttpContext context, UndeliveredNotificationsApi handler) => handler.RedeliverAllAsync(context));
        api.MapPost("/" + UndeliveredNotificationsApi.RedeliverRoute, (HttpContext context, string id, UndeliveredNotificationsApi handler) => handler.RedeliverAsync(context, id));

        api.MapGet("/" + DashboardEndpoint.PageRoute, (HttpContext context) => DashboardEndpoint.PageAsync(context));
        api.MapGet("/" + DashboardEndpoint.AssetRoute, (HttpContext context, string file) => DashboardEndpoint.AssetAsync(context, file));

        // The Functions host runs a non-HTTP function on POST /admin/functions/{name}; the same route runs the scan here.
        api.MapPost("/admin/functions/RenewalTimer", async (HttpContext context, RenewalScanner scanner) =>
            Results.Json(await scanner.ScanAsync(context.RequestAborted).ConfigureAwait(false), statusCode: StatusCodes.Status202Accepted));

        // Anonymous like the Functions trigger: the secret path segment authenticates the cluster.
        app.MapPost(
            "/" + Core.Admission.AdmissionWebhookEndpoint.Route,
            (HttpContext context, string cluster, string secret, Core.Admission.AdmissionWebhookEndpoint webhook) => webhook.HandleAsync(context, cluster, secret));
        api.MapPost("/admin/functions/DiscoveryTimer", async (HttpContext context, Core.Discovery.DiscoveryScanner scanner) =>
            Results.Json(await scanner.RunAsync(context.RequestAborted).ConfigureAwait(false), statusCode: StatusCodes.Status202Accepted));

        app.MapGet("/" + ChallengeEndpoint.Route, (HttpContext context, string token, ChallengeEndpoint handler) => handler.HandleAsync(context, token));
        // The scrape endpoint is middleware, not a route handler, so the key check runs in its branch instead of as a filter.
        app.MapPrometheusScrapingEndpoint(MetricsRoute, meterProvider: null, configureBranchedPipeline: branch => branch.Use(ApiKeyFilter.RequireKeyAsync), optionsName: null);
        app.MapGet("/" + HealthEndpoint.Route, (HttpContext context, HealthEndpoint health) => health.HandleAsync(context));
        app.MapGet("/", (HttpContext context, HealthEndpoint health) => health.HandleAsync(context));
        return app;
    }
}

using CertFunctions.Core.Http;
using CertFunctions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Triggers;

/// <summary>The HTTP API (function keys) over Core's <see cref="CertificatesApi"/> and <see cref="UndeliveredNotificationsApi"/>.</summary>
public sealed class HttpFunctions
{
    /// <summary>Requests a certificate for an Ingress.</summary>
    [Function("RequestCertificate")]
    public static Task RequestCertificate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = CertificatesApi.CollectionRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => Api(request, client).RequestAsync(request.HttpContext);

    /// <summary>Lists managed certificates.</summary>
    [Function("ListCertificates")]
    public static Task ListCertificates(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = CertificatesApi.CollectionRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => Api(request, client).ListAsync(request.HttpContext);

    /// <summary>Shows an operation's progress and outcome.</summary>
    [Function("GetOperation")]
    public static Task GetOperation(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = CertificatesApi.OperationRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => Api(request, client).GetOperationAsync(request.HttpContext, id);

    /// <summary>Cancels a running operation and removes its challenge routing.</summary>
    [Function("CancelOperation")]
    public static Task CancelOperation(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = CertificatesApi.OperationRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => Api(request, client).CancelOperationAsync(request.HttpContext, id);

    /// <summary>Forces a renewal.</summary>
    [Function("RenewCertificate")]
    public static Task RenewCertificate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = CertificatesApi.RenewRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string cluster,
        string @namespace,
        string ingress)
        => Api(request, client).RenewAsync(request.HttpContext, cluster, @namespace, ingress);

    /// <summary>Forces a renewal of every certificate a Gateway's listeners name.</summary>
    [Function("RenewGatewayCertificates")]
    public static Task RenewGatewayCertificates(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = CertificatesApi.GatewayRenewRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string cluster,
        string @namespace,
        string gateway)
        => Api(request, client).RenewGatewayAsync(request.HttpContext, cluster, @namespace, gateway);

    /// <summary>Lists the notifications webhooks did not take.</summary>
    [Function("ListUndeliveredNotifications")]
    public static Task ListUndeliveredNotifications(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = UndeliveredNotificationsApi.CollectionRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => Notifications(request, client).ListAsync(request.HttpContext);

    /// <summary>Sends an undelivered notification again.</summary>
    [Function("RedeliverNotification")]
    public static Task RedeliverNotification(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = UndeliveredNotificationsApi.RedeliverRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
        => Notifications(request, client).RedeliverAsync(request.HttpContext, id);

    /// <summary>Sends the oldest undelivered notifications again.</summary>
    [Function("RedeliverNotifications")]
    public static Task RedeliverNotifications(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = UndeliveredNotificationsApi.RedeliverAllRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
        => Notifications(request, client).RedeliverAllAsync(request.HttpContext);

    private static UndeliveredNotificationsApi Notifications(HttpRequest request, DurableTaskClient client)
        => ActivatorUtilities.CreateInstance<UndeliveredNotificationsApi>(request.HttpContext.RequestServices, new DurableTaskClientGateway(client));

    private static CertificatesApi Api(HttpRequest request, DurableTaskClient client)
        => ActivatorUtilities.CreateInstance<CertificatesApi>(request.HttpContext.RequestServices, new DurableTaskClientGateway(client));
}

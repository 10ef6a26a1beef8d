using System.Text.RegularExpressions;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Http;

/// <summary>
/// The events webhooks did not take (refused, or unreachable after every retry): list them, and send one again once
/// the receiver is fixed. A redelivery is a new delivery orchestration with the same event (same CloudEvents id).
/// </summary>
public sealed partial class UndeliveredNotificationsApi(
    IOrchestrationGateway orchestrations,
    UndeliveredNotificationStore store,
    PublicBaseUrl publicBaseUrl,
    ILogger<UndeliveredNotificationsApi> logger)
{
    /// <summary>Route of the list.</summary>
    public const string CollectionRoute = "api/notifications/undelivered";

    /// <summary>Route to send one again.</summary>
    public const string RedeliverRoute = "api/notifications/undelivered/{id}/redeliver";

    /// <summary>Route to send the oldest ones again, up to a limit per call.</summary>
    public const string RedeliverAllRoute = "api/notifications/undelivered/redeliver";

    /// <summary>The delivery instance id of a redelivery: one per record and failure, so a retried request starts one delivery.</summary>
    public static string RedeliveryInstanceId(UndeliveredNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return $"{NotificationDispatcher.InstanceIdFor(notification.Event)}_redeliver_{notification.Id[..8]}_{notification.FailedAt.UtcTicks}";
    }

    /// <summary>Records listed when the request names no <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most records one list answer holds: each is one storage read.</summary>
    public const int MaxLimit = 1000;

    /// <summary><c>GET /api/notifications/undelivered[?limit=N]</c>: the oldest kept records (100 unless told), and how many there are.</summary>
    public async Task ListAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await LimitAsync(context).ConfigureAwait(false) is not { } limit)
        {
            return;
        }

        var page = await store.ListAsync(limit, context.RequestAborted).ConfigureAwait(false);
        var items = page.Items.Select(s => ToResponse(context, s.Notification)).ToList();
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, new UndeliveredNotificationList(items.Count, page.Total, items)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /api/notifications/undelivered/redeliver[?limit=N]</c>: sends the oldest records again (100 unless told),
    /// as one redelivery each, and says how many are left; call again until none is. Records of webhooks still failing
    /// come back as those deliveries end.
    /// </summary>
    public async Task RedeliverAllAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await LimitAsync(context).ConfigureAwait(false) is not { } limit)
        {
            return;
        }

        var page = await store.ListAsync(limit, context.RequestAborted).ConfigureAwait(false);
        foreach (var stored in page.Items)
        {
            await StartRedeliveryAsync(stored, context.RequestAborted).ConfigureAwait(false);
        }

        await JsonResponse.WriteAsync(context, StatusCodes.Status202Accepted, new BulkRedeliveryResponse(
            page.Items.Count, Math.Max(0, page.Total - page.Items.Count),
            "The deliveries are started; any that fails again is listed again.")).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /api/notifications/undelivered/{id}/redeliver</c>: starts a delivery of the event to its webhook and removes
    /// the record, unless a newer failure rewrote it meanwhile. A delivery that fails again is kept again.
    /// </summary>
    public async Task RedeliverAsync(HttpContext context, string id)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = RecordId().IsMatch(id ?? string.Empty) ? await store.ReadAsync(id!, context.RequestAborted).ConfigureAwait(false) : null;
        if (stored is null)
        {
            await ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "Undelivered notification not found",
                $"There is no undelivered notification '{ProblemResponse.Echo(id)}'; it may have been redelivered already. GET /{CollectionRoute} lists them.").ConfigureAwait(false);
            return;
        }

        var notification = stored.Notification;
        var instanceId = await StartRedeliveryAsync(stored, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, StatusCodes.Status202Accepted, new RedeliveryResponse(
            notification.Id, notification.Event.Id, notification.Webhook, instanceId,
            "The delivery is started; if it fails again, the notification is listed again.")).ConfigureAwait(false);
    }

    /// <summary>Starts the delivery of one record (once per record and failure) and removes the record unless rewritten since.</summary>
    private async Task<string> StartRedeliveryAsync(StoredUndeliveredNotification stored, CancellationToken cancellationToken)
    {
        var notification = stored.Notification;
        var instanceId = RedeliveryInstanceId(notification);
        // Started before (the record's removal did not happen): that delivery stands, as the dispatcher does for a queued event.
        if (await orchestrations.GetAsync(instanceId, cancellationToken).ConfigureAwait(false) is null)
        {
            await orchestrations.StartIfNotRunningAsync(
                DeliverNotificationsOrchestrator.Name, instanceId, new NotificationDelivery(notification.Event, [notification.Webhook]), cancellationToken).ConfigureAwait(false);
        }

        await store.DeleteIfUnchangedAsync(stored, cancellationToken).ConfigureAwait(false);
        LogRedelivering(logger, notification.Event.Kind, notification.Event.Certificate, notification.Webhook, notification.Id, instanceId);
        return instanceId;
    }

    /// <summary>The request's <c>limit</c> (default <see cref="DefaultLimit"/>), or null after answering 400 for a bad one.</summary>
    private static async Task<int?> LimitAsync(HttpContext context)
    {
        if (!context.Request.Query.TryGetValue("limit", out var given))
        {
            return DefaultLimit;
        }

        if (int.TryParse(given.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }

        await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid limit",
            $"limit must be a whole number from 1 to {MaxLimit}; '{ProblemResponse.Echo(given.ToString())}' is not.").ConfigureAwait(false);
        return null;
    }

    private UndeliveredNotificationResponse ToResponse(HttpContext context, UndeliveredNotification notification) => new(
        notification.Id,
        notification.Event.Id,
        NotificationKinds.FilterName(notification.Event.Kind),
        notification.Event.Certificate.ToString(),
        notification.Webhook,
        notification.StatusCode,
        notification.Reason,
        notification.Event.At,
        notification.FailedAt,
        publicBaseUrl.For(context.Request, "/" + RedeliverRoute.Replace("{id}", notification.Id, StringComparison.Ordinal)));

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordId();

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind} for {Certificate} redelivered to webhook {Webhook} (id {Id}, delivery {InstanceId})")]
    private static partial void LogRedelivering(ILogger logger, NotificationKind kind, Certificates.CertificateRef certificate, string webhook, string id, string instanceId);
}

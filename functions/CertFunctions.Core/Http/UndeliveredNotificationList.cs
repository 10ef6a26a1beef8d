namespace CertFunctions.Core.Http;

/// <summary>The answer of <c>GET /api/notifications/undelivered</c>.</summary>
/// <param name="Count">How many are kept.</param>
/// <param name="Items">The records, oldest failure first.</param>
public sealed record UndeliveredNotificationList(int Count, IReadOnlyList<UndeliveredNotificationResponse> Items);

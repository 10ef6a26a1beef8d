namespace CertFunctions.Core.Http;

/// <summary>The answer of <c>GET /api/notifications/undelivered</c>.</summary>
/// <param name="Count">How many this answer holds.</param>
/// <param name="Total">How many are kept in all (more than <paramref name="Count"/> when the limit cut the list).</param>
/// <param name="Items">The oldest records, oldest failure first.</param>
public sealed record UndeliveredNotificationList(int Count, int Total, IReadOnlyList<UndeliveredNotificationResponse> Items);

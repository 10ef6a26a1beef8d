namespace CertFunctions.Core.Notifications;

/// <summary>The oldest undelivered notifications, and how many are kept in all.</summary>
/// <param name="Total">Every record kept.</param>
/// <param name="Items">The oldest ones, at most the number asked for.</param>
public sealed record UndeliveredNotificationPage(int Total, IReadOnlyList<StoredUndeliveredNotification> Items);

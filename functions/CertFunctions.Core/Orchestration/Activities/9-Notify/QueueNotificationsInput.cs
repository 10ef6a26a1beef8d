using CertFunctions.Core.Notifications;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="QueueNotificationsActivity"/>: the events of one issuance's outcome.</summary>
/// <param name="Events">What to tell (issued or renewed, failed, cleanup failed).</param>
public sealed record QueueNotificationsInput(IReadOnlyList<NotificationEvent> Events);

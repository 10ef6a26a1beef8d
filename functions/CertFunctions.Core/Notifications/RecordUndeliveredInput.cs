namespace CertFunctions.Core.Notifications;

/// <summary>Input of <see cref="RecordUndeliveredActivity"/>: what one delivery orchestration could not deliver.</summary>
/// <param name="Notifications">One record per webhook that did not take the event.</param>
public sealed record RecordUndeliveredInput(IReadOnlyList<UndeliveredNotification> Notifications);

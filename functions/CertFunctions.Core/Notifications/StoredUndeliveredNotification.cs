using Azure;

namespace CertFunctions.Core.Notifications;

/// <summary>An undelivered notification as read from storage, with the version it was read at.</summary>
/// <param name="Notification">The record.</param>
/// <param name="ETag">The blob's version: a redelivery removes the record only if nobody wrote it since.</param>
public sealed record StoredUndeliveredNotification(UndeliveredNotification Notification, ETag ETag);

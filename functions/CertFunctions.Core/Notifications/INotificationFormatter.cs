namespace CertFunctions.Core.Notifications;

/// <summary>Renders a <see cref="NotificationEvent"/> as the body one kind of receiver expects.</summary>
public interface INotificationFormatter
{
    /// <summary>The format this formatter writes.</summary>
    NotificationFormat Format { get; }

    /// <summary>The request body for <paramref name="notification"/>.</summary>
    NotificationBody Render(NotificationEvent notification);
}

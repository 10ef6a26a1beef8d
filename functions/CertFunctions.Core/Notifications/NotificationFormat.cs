namespace CertFunctions.Core.Notifications;

/// <summary>The body a webhook receives.</summary>
public enum NotificationFormat
{
    /// <summary>CloudEvents 1.0, JSON structured mode (application/cloudevents+json).</summary>
    CloudEvents,

    /// <summary>A Slack incoming webhook message (text and blocks).</summary>
    Slack,

    /// <summary>A Microsoft Teams workflow webhook message carrying an Adaptive Card.</summary>
    Teams,
}

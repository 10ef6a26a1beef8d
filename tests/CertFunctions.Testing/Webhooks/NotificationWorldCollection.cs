namespace CertFunctions.Testing.Webhooks;

/// <summary>Shares one <see cref="NotificationWorldFixture"/> among the notification end-to-end tests.</summary>
[CollectionDefinition(Name)]
public sealed class NotificationWorldCollection : ICollectionFixture<NotificationWorldFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "NotificationWorld";
}

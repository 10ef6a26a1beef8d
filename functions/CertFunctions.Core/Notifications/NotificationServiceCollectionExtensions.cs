using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Notifications;

/// <summary>Registers the notification settings (validated at start-up), formatters, sender and delivery activity.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>Adds everything notifications need but the orchestration gateway (the host brings that).</summary>
    public static IServiceCollection AddCertFunctionsNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationFormatter, CloudEventsFormatter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationFormatter, SlackFormatter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationFormatter, TeamsFormatter>());
        // No request logging: the default handler logs the request URI, which for Slack and Teams is the credential.
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = WebhookSender.AttemptTimeout).RemoveAllLoggers();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<NotificationDispatcher>();
        services.TryAddSingleton<ExpiringNoticeStore>();
        services.TryAddSingleton<ExpiringNotifier>();
        services.TryAddTransient<DeliverNotificationActivity>();
        services.TryAddSingleton<UndeliveredNotificationStore>();
        services.TryAddTransient<RecordUndeliveredActivity>();
        return services;
    }
}

using CertFunctions.Core.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>The webhook settings are checked at start-up, each problem naming its setting and never the URL.</summary>
public sealed class NotificationOptionsValidatorTests
{
    [Fact]
    public void Valid_webhooks_pass_an_empty_filter_means_every_event_and_an_entry_without_url_is_off()
    {
        var options = Bind(new()
        {
            ["Notifications:Webhooks:ops:Url"] = "https://hooks.example/ops",
            ["Notifications:Webhooks:ops:Format"] = "slack",
            ["Notifications:Webhooks:ops:Events"] = "failed, expiring",
            ["Notifications:Webhooks:all:Url"] = "http://127.0.0.1:9000/in",
            ["Notifications:Webhooks:off:Url"] = string.Empty,
            ["Notifications:Webhooks:off:Format"] = "Teams",
        });

        Assert.True(new NotificationOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(NotificationFormat.Slack, options.Webhooks["ops"].ParsedFormat);
        Assert.Equal(NotificationFormat.CloudEvents, options.Webhooks["all"].ParsedFormat);
        Assert.Equal(["all", "ops"], options.WebhooksFor(NotificationKind.Failed));
        Assert.Equal(["all"], options.WebhooksFor(NotificationKind.Issued));
    }

    [Fact]
    public void A_bad_url_an_unknown_format_and_an_unknown_event_fail_the_start_naming_each_setting()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddCertFunctionsNotifications(Configuration(new()
            {
                ["Notifications:Webhooks:ops:Url"] = "ftp://hooks.example/T000/B000/secret-part",
                ["Notifications:Webhooks:ops:Format"] = "Discord",
                ["Notifications:Webhooks:ops:Events"] = "issued,deleted",
                ["Notifications:Webhooks:team:Format"] = "Teams",
                ["Notifications:Webhooks:numbered:Url"] = "https://hooks.example/n",
                ["Notifications:Webhooks:numbered:Format"] = "1",
            }))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("Notifications:Webhooks:ops:Url must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Webhooks:ops:Format 'Discord' is unknown; use one of CloudEvents, Slack, Teams", error.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Webhooks:ops:Events names an unknown event 'deleted'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Webhooks:numbered:Format '1' is unknown", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", error.Message, StringComparison.Ordinal);
    }

    private static NotificationOptions Bind(Dictionary<string, string?> values)
    {
        var options = new NotificationOptions();
        Configuration(values).GetSection(NotificationOptions.SectionName).Bind(options);
        return options;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

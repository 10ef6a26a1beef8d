using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Notifications;

/// <summary>Checks every webhook at start-up: an absolute http(s) URL (none: the entry is off), a known format, known event names; each message names the setting.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (webhook, settings) in options.Webhooks)
        {
            var prefix = $"{NotificationOptions.SectionName}:Webhooks:{webhook}";
            if (settings is null)
            {
                continue;
            }

            // The URL itself is never repeated in a message: for Slack and Teams it is the secret. An entry without one
            // is off (the sample ships one empty); a Key Vault reference that does not resolve stays "@Microsoft.KeyVault(...)"
            // and fails here.
            if (string.IsNullOrWhiteSpace(settings.Url))
            {
                // Off: nothing to check but the rest of the entry.
            }
            else if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{prefix}:Url must be an absolute http or https URL (in Azure, a Key Vault reference that resolves to one).");
            }

            if (!NotificationFormats.TryParse(settings.Format, out _))
            {
                failures.Add($"{prefix}:Format '{settings.Format}' is unknown; use one of {NotificationFormats.Names}.");
            }

            if (!NotificationKinds.TryParseFilter(settings.Events, out _, out var unknown))
            {
                failures.Add($"{prefix}:Events names an unknown event '{unknown}'; use any of {NotificationKinds.Names} (empty means all).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

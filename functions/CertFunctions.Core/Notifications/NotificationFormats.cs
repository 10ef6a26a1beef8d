namespace CertFunctions.Core.Notifications;

/// <summary>Reads <see cref="NotificationFormat"/> from a setting (case-insensitive; empty means CloudEvents).</summary>
public static class NotificationFormats
{
    /// <summary>The accepted names, for error messages and docs.</summary>
    public static string Names => string.Join(", ", Enum.GetNames<NotificationFormat>());

    /// <summary>Parses a setting value; false for an unknown name.</summary>
    public static bool TryParse(string? value, out NotificationFormat format)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            format = NotificationFormat.CloudEvents;
            return true;
        }

        // Enum.TryParse accepts numbers too; a format is only ever named.
        format = default;
        var name = value.Trim();
        return !char.IsAsciiDigit(name[0]) && !name.StartsWith('-') && Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format);
    }
}

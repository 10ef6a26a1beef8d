using System.Globalization;

namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>How our annotations hold a time: ISO 8601, UTC, whole seconds.</summary>
public static class AnnotationTime
{
    /// <summary>Formats <paramref name="time"/> for an annotation.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a time written by <see cref="Format"/>; null when absent or malformed.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}

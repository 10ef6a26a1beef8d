using System.Globalization;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>managedFields times, in the RFC 3339 seconds form the server writes.</summary>
internal static class Timestamps
{
    /// <summary>Now, as <c>2026-12-05T02:00:00Z</c>.</summary>
    public static string Format(TimeProvider time) =>
        time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

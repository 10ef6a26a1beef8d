using System.Globalization;
using CertFunctions.Testing.LocalWorld;

namespace LocalHostBench;

/// <summary>Starts a local host process with the world's settings plus a polling interval and its own task hub.</summary>
internal static class HostRun
{
    /// <summary>Creates and starts the host; the caller disposes it.</summary>
    public static async Task<LocalHostProcess> StartAsync(LocalWorld world, int pollingIntervalMs, string hubSuffix, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(world.HostSettings, StringComparer.OrdinalIgnoreCase)
        {
            ["Local:MaxQueuePollingInterval"] = TimeSpan.FromMilliseconds(pollingIntervalMs).ToString("c", CultureInfo.InvariantCulture),
            ["Local:TaskHub"] = world.TaskHub + hubSuffix,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return await LocalHostProcess.StartNewAsync(settings, int.Parse(settings["Challenge:ResponderServicePort"], CultureInfo.InvariantCulture));
    }
}

using System.Globalization;
using CertFunctions.Testing.LocalWorld;

namespace ResponderLoad;

/// <summary>A local host process with the world's settings, storage on the debug Azurite, optionally a log level.</summary>
internal static class HostUnderLoad
{
    public static async Task<LocalHostProcess> StartAsync(LocalWorld world, string storageConnectionString, string hubSuffix, string? logLevel)
    {
        var settings = new Dictionary<string, string>(world.HostSettings, StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Local:TaskHub"] = world.TaskHub + hubSuffix,
        };
        if (logLevel is not null)
        {
            settings["Logging:LogLevel:Default"] = logLevel;
        }

        return await LocalHostProcess.StartNewAsync(settings, int.Parse(settings["Challenge:ResponderServicePort"], CultureInfo.InvariantCulture));
    }
}

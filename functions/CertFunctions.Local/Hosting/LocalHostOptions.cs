using System.ComponentModel.DataAnnotations;

namespace CertFunctions.Local.Hosting;

/// <summary>Settings only the local host has (section <c>Local</c>); everything else uses the Functions app's setting names.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Local";

    /// <summary>When set, API routes require this key in <c>x-functions-key</c> or <c>?code=</c>, like a Functions function key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Durable Task hub name (letters and digits, 3-45 characters, starting with a letter).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Local:TaskHub must be 3-45 letters or digits and start with a letter.")]
    public string TaskHub { get; set; } = "CertFunctionsLocal";

    /// <summary>Worker id; keep it fixed across restarts (a new id waits out the 30 s partition lease).</summary>
    [Required(ErrorMessage = "Local:WorkerId is required.")]
    public string WorkerId { get; set; } = "certfunctions-local";

    /// <summary>Longest pause between queue polls when idle.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30", ErrorMessage = "Local:MaxQueuePollingInterval must be between 50 ms and 30 s.")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an activity a dead worker had taken stays invisible before another worker runs it again (DTFx's work-item
    /// queue visibility timeout; 5 minutes by default, and live workers renew it while an activity runs).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00", ErrorMessage = "Local:WorkItemVisibilityTimeout must be between 5 s and 30 minutes.")]
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run the renewal timer on its schedule (the scan can always be run through the admin route).</summary>
    public bool RunRenewalTimer { get; set; } = true;

    /// <summary>Run the discovery timer on its schedule (discovery can always be run through the admin route).</summary>
    public bool RunDiscoveryTimer { get; set; } = true;

    /// <summary>Writes every span to standard output (the console exporter): for looking at traces without a collector.</summary>
    public bool ConsoleTraces { get; set; }
}

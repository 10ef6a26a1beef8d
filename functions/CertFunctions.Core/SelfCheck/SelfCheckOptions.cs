using System.ComponentModel.DataAnnotations;

namespace CertFunctions.Core.SelfCheck;

/// <summary>The reachability check before the CA is told to validate (section <c>SelfCheck</c>).</summary>
public sealed class SelfCheckOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "SelfCheck";

    /// <summary>Check or wait.</summary>
    public SelfCheckMode Mode { get; set; } = SelfCheckMode.Check;

    /// <summary>The port the CA validates on: 80 in production; the local world uses another.</summary>
    [Range(1, 65535, ErrorMessage = "SelfCheck:Port must be a TCP port (1-65535).")]
    public int Port { get; set; } = 80;

    /// <summary>
    /// How many consecutive correct answers (per name) make the check pass; each attempt uses a new connection, so
    /// behind a load balancer the passes can reach different ingress replicas while a route is still propagating.
    /// </summary>
    [Range(1, 20, ErrorMessage = "SelfCheck:ConsecutivePasses must be between 1 and 20.")]
    public int ConsecutivePasses { get; set; } = 3;

    /// <summary>Pause between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "SelfCheck:Interval must be between 50 ms and 1 minute.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Give up (and fail the issuance, before the CA sees a failed authorization) after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "SelfCheck:Timeout must be between 1 second and 1 hour.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Timeout of one HTTP request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "SelfCheck:RequestTimeout must be between 100 ms and 1 minute.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>In <see cref="SelfCheckMode.Wait"/> mode, how long to wait after routing the challenge.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "SelfCheck:WaitDuration must be between 0 and 30 minutes.")]
    public TimeSpan WaitDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connect to this address (IP or host name) instead of resolving each name, for split DNS: for example the
    /// ingress controller's public load-balancer address. The Host header still carries the name.
    /// </summary>
    public string? ConnectAddress { get; set; }
}

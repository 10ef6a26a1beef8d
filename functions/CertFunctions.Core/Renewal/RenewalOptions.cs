using System.ComponentModel.DataAnnotations;

namespace CertFunctions.Core.Renewal;

/// <summary>How the renewal scan works (section <c>Renewal</c>); its schedule is <see cref="TimerScheduleOptions.RenewalSchedule"/>.</summary>
public sealed class RenewalOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Renewal";

    /// <summary>Most issuances the scan starts at once.</summary>
    [Range(1, 256, ErrorMessage = "Renewal:MaxConcurrency must be between 1 and 256.")]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Each orchestration the scan starts waits a random delay up to this long first, to spread load on the CA.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00", ErrorMessage = "Renewal:MaxStartJitter must be between 0 and 6 hours.")]
    public TimeSpan MaxStartJitter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Ask the CA for each certificate's current renewal window (RFC 9773 renewalInfo) at every scan, at most as often
    /// as its Retry-After allows, so a window moved after issuance (for example ahead of a revocation) is honoured.
    /// Only for CAs that offer it; a CA without it costs one request per scan.
    /// </summary>
    public bool CheckRenewalInfo { get; set; } = true;

    /// <summary>Also issue for opted-in Ingresses that have no valid certificate yet.</summary>
    public bool IssueForDiscovered { get; set; } = true;
}

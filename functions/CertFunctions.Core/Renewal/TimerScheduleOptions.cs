using System.ComponentModel.DataAnnotations;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// Timer schedules, as flat app settings at the root of configuration: a timer trigger's <c>%Name%</c> is resolved by
/// the platform's scale controller, which reads flat app setting names only (hierarchical ones fire unreliably).
/// </summary>
public sealed class TimerScheduleOptions
{
    /// <summary>The configuration section name: the root (the settings are flat names).</summary>
    public const string SectionName = "";

    /// <summary>The app setting the renewal timer trigger reads, as its binding expression.</summary>
    public const string RenewalScheduleExpression = "%" + nameof(RenewalSchedule) + "%";

    /// <summary>
    /// NCRONTAB schedule of the renewal scan (six fields, seconds first). The default runs twice a day at odd minutes,
    /// so a fleet of installations does not hit the CA on the hour.
    /// </summary>
    [Required(ErrorMessage = "RenewalSchedule is required (an NCRONTAB expression such as '0 17 5,17 * * *').")]
    public string RenewalSchedule { get; set; } = "0 17 5,17 * * *";

    /// <summary>The app setting the discovery timer trigger reads, as its binding expression.</summary>
    public const string DiscoveryScheduleExpression = "%" + nameof(DiscoverySchedule) + "%";

    /// <summary>NCRONTAB schedule of the discovery trigger (cheap: metadata lists only); every 5 minutes by default.</summary>
    [Required(ErrorMessage = "DiscoverySchedule is required (an NCRONTAB expression such as '0 */5 * * * *').")]
    public string DiscoverySchedule { get; set; } = "0 */5 * * * *";
}

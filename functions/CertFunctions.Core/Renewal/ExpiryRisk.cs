using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Renewal;

/// <summary>A deployed certificate that renewal has not replaced in time: past half its margin before expiry, or expired.</summary>
/// <param name="Expired">True when the certificate is no longer valid.</param>
/// <param name="NotAfter">End of the certificate's validity.</param>
/// <param name="PlannedRenewal">When it was due for renewal.</param>
public sealed record ExpiryRisk(bool Expired, DateTimeOffset NotAfter, DateTimeOffset PlannedRenewal)
{
    /// <summary>
    /// Returns the risk once at least half the time between the planned renewal and expiry is spent without a new
    /// certificate, else null. Relative to the plan, so it suits 90-day and 6-day certificates alike: a 90-day
    /// certificate renewed at 2/3 warns with about 15 days left, a 6-day one renewed at 1/2 with 1.5 days left.
    /// </summary>
    public static ExpiryRisk? Assess(DeployedCertificate deployed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        if (deployed.NotAfter <= deployed.NotBefore)
        {
            return null;
        }

        var planned = RenewalPolicy.StoredPlan(deployed);
        if (planned >= deployed.NotAfter)
        {
            // A plan at or after expiry (a foreign annotation) leaves no margin to halve: use the lifetime rule's.
            planned = RenewalPolicy.PlannedRenewal(deployed.NotBefore, deployed.NotAfter, null, 0);
        }

        return Assess(planned, deployed.NotAfter, now);
    }

    /// <summary>The same rule from a stored plan and expiry (the certificate state, which keeps no start of validity).</summary>
    public static ExpiryRisk? Assess(DateTimeOffset plannedRenewal, DateTimeOffset notAfter, DateTimeOffset now)
    {
        var warnAt = plannedRenewal < notAfter ? plannedRenewal + ((notAfter - plannedRenewal) / 2) : notAfter;
        return now < warnAt ? null : new ExpiryRisk(now >= notAfter, notAfter, plannedRenewal);
    }

    /// <summary>A sentence for people: when it expires or expired, relative to <paramref name="now"/>.</summary>
    public string Describe(DateTimeOffset now) => Expired
        ? $"expired at {NotAfter:u} ({Span(now - NotAfter)} ago)"
        : $"expires at {NotAfter:u} (in {Span(NotAfter - now)})";

    private static string Span(TimeSpan span) => span.TotalDays >= 2
        ? $"{(int)span.TotalDays} days"
        : span.TotalHours >= 2 ? $"{(int)span.TotalHours} hours" : $"{Math.Max(1, (int)span.TotalMinutes)} minutes";
}

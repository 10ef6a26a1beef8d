namespace CertFunctions.Core.Renewal;

/// <summary>When a certificate should be renewed.</summary>
/// <remarks>
/// The CA's ARI window wins when it offers one (a point inside it, so a fleet does not renew at one instant);
/// otherwise 2/3 of the lifetime, or 1/2 for certificates shorter than 10 days, so short-lived certificates
/// keep a margin of several days for retries.
/// </remarks>
public static class RenewalPolicy
{
    /// <summary>Lifetimes below this renew at half their lifetime.</summary>
    public static readonly TimeSpan ShortLivedThreshold = TimeSpan.FromDays(10);

    /// <summary>Returns the planned renewal time.</summary>
    /// <param name="notBefore">Start of the certificate's validity.</param>
    /// <param name="notAfter">End of the certificate's validity.</param>
    /// <param name="ariWindow">The CA's suggested window, when it serves renewalInfo.</param>
    /// <param name="fraction">Where in the ARI window to renew, in [0, 1); derive it from the certificate so repeated scans agree.</param>
    public static DateTimeOffset PlannedRenewal(DateTimeOffset notBefore, DateTimeOffset notAfter, RenewalWindow? ariWindow, double fraction)
    {
        if (notAfter <= notBefore)
        {
            throw new ArgumentException("notAfter must be later than notBefore.", nameof(notAfter));
        }

        if (fraction is < 0 or >= 1 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must be in [0, 1).");
        }

        if (ariWindow is not null && ariWindow.End > ariWindow.Start)
        {
            return ariWindow.Start + ((ariWindow.End - ariWindow.Start) * fraction);
        }

        var lifetime = notAfter - notBefore;
        return lifetime < ShortLivedThreshold
            ? notBefore + (lifetime / 2)
            : notBefore + (lifetime * 2 / 3);
    }

    /// <summary>The renewal planned for a deployed certificate: the time we stored with it, else the lifetime rule at its stable point.</summary>
    public static DateTimeOffset StoredPlan(Kubernetes.Secrets.DeployedCertificate deployed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        return deployed.PlannedRenewal ?? PlannedRenewal(deployed.NotBefore, deployed.NotAfter, null, StableFraction(deployed.Serial));
    }

    /// <summary>True when a certificate planned for <paramref name="plannedRenewal"/> is due at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset plannedRenewal, DateTimeOffset now) => now >= plannedRenewal;

    /// <summary>A stable fraction in [0, 1) for a certificate (from its serial number), so every scan picks the same point.</summary>
    public static double StableFraction(string serialNumber)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(serialNumber));
        var value = BitConverter.ToUInt64(hash, 0) >> 11; // 53 bits: exact in a double
        return value / (double)(1UL << 53);
    }
}

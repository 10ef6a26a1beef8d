using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Renewal;

/// <summary>Decides, for one opted-in Ingress, whether an issuance is due now.</summary>
public static class RenewalDecision
{
    /// <summary>Returns why an issuance is due, or null when it is not.</summary>
    /// <param name="hosts">The names the Ingress asks for.</param>
    /// <param name="deployed">The certificate in its Secret, if any.</param>
    /// <param name="now">The current time.</param>
    /// <param name="caWindow">The CA's current renewal window (RFC 9773), when it was asked.</param>
    public static Orchestration.IssuanceReason? Due(IReadOnlyList<string> hosts, DeployedCertificate? deployed, DateTimeOffset now, RenewalWindow? caWindow = null)
    {
        if (deployed is null || deployed.NotAfter <= now)
        {
            return Orchestration.IssuanceReason.Discovered;
        }

        // A name added to the Ingress needs a new certificate now, whatever the planned renewal says.
        var covered = new HashSet<string>(deployed.DnsNames, StringComparer.OrdinalIgnoreCase);
        if (!hosts.All(covered.Contains))
        {
            return Orchestration.IssuanceReason.Discovered;
        }

        var planned = RenewalPolicy.StoredPlan(deployed);
        if (caWindow is not null && (planned < caWindow.Start || planned > caWindow.End))
        {
            // The CA moved its window since the plan was made (RFC 9773 section 4.2): follow it, at the same stable point.
            planned = caWindow.End > caWindow.Start
                ? RenewalPolicy.PlannedRenewal(deployed.NotBefore, deployed.NotAfter, caWindow, RenewalPolicy.StableFraction(deployed.Serial))
                : caWindow.Start;
        }

        return RenewalPolicy.IsDue(planned, now) ? Orchestration.IssuanceReason.Renewal : null;
    }

    /// <summary>
    /// True when a certificate we stored came from another issuer than <paramref name="wanted"/>, the one its object asks
    /// for now. The Secret names its issuer; one written before named issuers names none and counts as changed only
    /// when it came from another CA (so an upgrade renews nothing, and moving the settings to another CA does).
    /// </summary>
    public static bool IssuerChanged(DeployedCertificate deployed, AcmeIssuer wanted)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        ArgumentNullException.ThrowIfNull(wanted);
        if (!deployed.ManagedByUs)
        {
            return false;
        }

        return deployed.IssuerName is { } recorded
            ? !string.Equals(recorded, wanted.Name, StringComparison.Ordinal)
            : deployed.AcmeDirectory is { } directory && !string.Equals(directory, wanted.DirectoryUrl.AbsoluteUri, StringComparison.Ordinal);
    }
}

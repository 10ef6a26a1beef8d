using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Tests.Renewal;

public sealed class RenewalDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_ingress_without_a_certificate_is_due_for_a_first_issuance()
        => Assert.Equal(IssuanceReason.Discovered, RenewalDecision.Due(["a.example.test"], null, Now));

    [Fact]
    public void An_expired_certificate_is_due()
        => Assert.Equal(IssuanceReason.Discovered, RenewalDecision.Due(["a.example.test"], Deployed(Now.AddDays(-90), Now.AddSeconds(-1), null), Now));

    [Fact]
    public void A_name_added_to_the_ingress_makes_it_due_at_once()
        => Assert.Equal(IssuanceReason.Discovered, RenewalDecision.Due(["a.example.test", "new.example.test"], Deployed(Now.AddDays(-1), Now.AddDays(89), Now.AddDays(59)), Now));

    [Fact]
    public void The_planned_renewal_annotation_decides_when_present()
    {
        Assert.Null(RenewalDecision.Due(["a.example.test"], Deployed(Now.AddDays(-10), Now.AddDays(80), Now.AddSeconds(1)), Now));
        Assert.Equal(IssuanceReason.Renewal, RenewalDecision.Due(["a.example.test"], Deployed(Now.AddDays(-10), Now.AddDays(80), Now), Now));
    }

    [Fact]
    public void Without_the_annotation_two_thirds_of_the_lifetime_applies()
    {
        Assert.Null(RenewalDecision.Due(["a.example.test"], Deployed(Now.AddDays(-59), Now.AddDays(31), null), Now));
        Assert.Equal(IssuanceReason.Renewal, RenewalDecision.Due(["a.example.test"], Deployed(Now.AddDays(-61), Now.AddDays(29), null), Now));
    }

    [Fact]
    public void Names_compare_case_insensitively()
        => Assert.Null(RenewalDecision.Due(["A.Example.Test"], Deployed(Now.AddDays(-1), Now.AddDays(89), Now.AddDays(59)), Now));

    [Fact]
    public void A_ca_window_moved_before_the_plan_makes_the_certificate_due()
    {
        // Planned in 59 days; the CA now says renew in the last day (RFC 9773: ahead of a revocation, for example).
        var deployed = Deployed(Now.AddDays(-1), Now.AddDays(89), Now.AddDays(59));
        Assert.Null(RenewalDecision.Due(["a.example.test"], deployed, Now));
        Assert.Equal(IssuanceReason.Renewal, RenewalDecision.Due(["a.example.test"], deployed, Now, new RenewalWindow(Now.AddDays(-1), Now.AddMinutes(-1))));
        Assert.Equal(IssuanceReason.Renewal, RenewalDecision.Due(["a.example.test"], deployed, Now, new RenewalWindow(Now.AddHours(-1), Now.AddHours(-1))));
    }

    [Fact]
    public void A_ca_window_that_holds_the_plan_or_lies_later_does_not_bring_it_forward()
    {
        var deployed = Deployed(Now.AddDays(-1), Now.AddDays(89), Now.AddDays(59));
        Assert.Null(RenewalDecision.Due(["a.example.test"], deployed, Now, new RenewalWindow(Now.AddDays(58), Now.AddDays(60))));
        Assert.Null(RenewalDecision.Due(["a.example.test"], deployed, Now, new RenewalWindow(Now.AddDays(70), Now.AddDays(72))));

        // A window starting now but ending later picks the same stable point inside it, not its start.
        var window = new RenewalWindow(Now.AddMinutes(-1), Now.AddDays(2));
        var point = RenewalPolicy.PlannedRenewal(deployed.NotBefore, deployed.NotAfter, window, RenewalPolicy.StableFraction(deployed.Serial));
        Assert.Equal(point <= Now ? IssuanceReason.Renewal : null, RenewalDecision.Due(["a.example.test"], deployed, Now, window));
    }

    private static DeployedCertificate Deployed(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset? planned)
        => new("demo", "web-tls", ["a.example.test"], notBefore, notAfter, "CN=Pebble", "0a1b", true, planned, "https://ca.example.test/dir");
}

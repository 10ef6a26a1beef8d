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

    private static DeployedCertificate Deployed(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset? planned)
        => new("demo", "web-tls", ["a.example.test"], notBefore, notAfter, "CN=Pebble", "0a1b", true, planned, "https://ca.example.test/dir");
}

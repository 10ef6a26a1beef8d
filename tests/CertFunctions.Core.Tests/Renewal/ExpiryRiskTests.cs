using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Tests.Renewal;

public sealed class ExpiryRiskTests
{
    private static readonly DateTimeOffset NotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(74, null)]
    [InlineData(76, false)]
    [InlineData(91, true)]
    public void A_90_day_certificate_planned_at_day_60_warns_from_day_75_and_is_expired_after_day_90(int day, bool? expired)
    {
        var deployed = Deployed(TimeSpan.FromDays(90), NotBefore.AddDays(60));

        var risk = ExpiryRisk.Assess(deployed, NotBefore.AddDays(day));

        Assert.Equal(expired, risk?.Expired);
    }

    [Theory]
    [InlineData(4.4, false)]
    [InlineData(4.6, true)]
    public void A_6_day_certificate_without_a_stored_plan_renews_at_half_and_warns_at_three_quarters(double day, bool warns)
    {
        var deployed = Deployed(TimeSpan.FromDays(6), plannedRenewal: null);

        var risk = ExpiryRisk.Assess(deployed, NotBefore.AddDays(day));

        Assert.Equal(warns, risk is not null);
        Assert.Equal(warns ? NotBefore.AddDays(3) : null, risk?.PlannedRenewal);
    }

    [Fact]
    public void A_plan_at_expiry_falls_back_to_the_lifetime_rule_instead_of_never_warning()
    {
        var deployed = Deployed(TimeSpan.FromDays(90), NotBefore.AddDays(90));

        var risk = ExpiryRisk.Assess(deployed, NotBefore.AddDays(89));

        Assert.NotNull(risk);
        Assert.Equal(NotBefore.AddDays(60), risk.PlannedRenewal);
    }

    [Fact]
    public void The_description_says_how_long_is_left_or_since_when_it_is_expired()
    {
        var risk = ExpiryRisk.Assess(Deployed(TimeSpan.FromDays(90), NotBefore.AddDays(60)), NotBefore.AddDays(80))!;
        var expired = ExpiryRisk.Assess(Deployed(TimeSpan.FromDays(90), NotBefore.AddDays(60)), NotBefore.AddDays(90).AddHours(5))!;

        Assert.Equal("expires at 2026-04-01 00:00:00Z (in 10 days)", risk.Describe(NotBefore.AddDays(80)));
        Assert.Equal("expired at 2026-04-01 00:00:00Z (5 hours ago)", expired.Describe(NotBefore.AddDays(90).AddHours(5)));
    }

    private static DeployedCertificate Deployed(TimeSpan lifetime, DateTimeOffset? plannedRenewal) =>
        new("apps", "web-tls", ["www.example.com"], NotBefore, NotBefore + lifetime, "CN=Test CA", "0a1b2c", true, plannedRenewal, null);
}

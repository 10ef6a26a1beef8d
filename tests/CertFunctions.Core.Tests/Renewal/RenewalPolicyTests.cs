using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Tests.Renewal;

public sealed class RenewalPolicyTests
{
    private static readonly DateTimeOffset NotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_90_day_certificate_without_ari_renews_at_two_thirds_of_its_lifetime()
    {
        var planned = RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(90), ariWindow: null, fraction: 0.5);
        Assert.Equal(NotBefore.AddDays(60), planned);
    }

    [Fact]
    public void A_certificate_of_exactly_ten_days_still_uses_two_thirds()
    {
        var planned = RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(10), null, 0);
        Assert.Equal(NotBefore + (TimeSpan.FromDays(10) * 2 / 3), planned);
    }

    [Fact]
    public void A_certificate_shorter_than_ten_days_renews_at_half_its_lifetime()
    {
        var planned = RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(6), null, 0);
        Assert.Equal(NotBefore.AddDays(3), planned);

        var sixHours = RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddHours(6), null, 0);
        Assert.Equal(NotBefore.AddHours(3), sixHours);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 12)]
    [InlineData(0.75, 18)]
    public void The_ari_window_wins_over_the_lifetime_rule(double fraction, int hoursIntoWindow)
    {
        var window = new RenewalWindow(NotBefore.AddDays(40), NotBefore.AddDays(41));
        var planned = RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(90), window, fraction);
        Assert.Equal(window.Start.AddHours(hoursIntoWindow), planned);
        Assert.InRange(planned, window.Start, window.End);
    }

    [Fact]
    public void An_ari_window_in_the_past_makes_the_certificate_due_now()
    {
        var window = new RenewalWindow(NotBefore.AddDays(1), NotBefore.AddDays(2));
        var planned = RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(90), window, 0.9);
        Assert.True(RenewalPolicy.IsDue(planned, NotBefore.AddDays(3)));
    }

    [Fact]
    public void An_empty_or_inverted_ari_window_falls_back_to_the_lifetime_rule()
    {
        var inverted = new RenewalWindow(NotBefore.AddDays(41), NotBefore.AddDays(40));
        Assert.Equal(NotBefore.AddDays(60), RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(90), inverted, 0.3));
    }

    [Fact]
    public void Due_is_inclusive_of_the_planned_instant()
    {
        var planned = NotBefore.AddDays(60);
        Assert.False(RenewalPolicy.IsDue(planned, planned.AddTicks(-1)));
        Assert.True(RenewalPolicy.IsDue(planned, planned));
    }

    [Fact]
    public void Invalid_validity_or_fraction_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => RenewalPolicy.PlannedRenewal(NotBefore, NotBefore, null, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(1), null, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RenewalPolicy.PlannedRenewal(NotBefore, NotBefore.AddDays(1), null, -0.1));
    }

    [Fact]
    public void The_stable_fraction_is_the_same_for_a_serial_and_spreads_across_serials()
    {
        Assert.Equal(RenewalPolicy.StableFraction("0A1B2C"), RenewalPolicy.StableFraction("0A1B2C"));
        var fractions = Enumerable.Range(0, 1000).Select(i => RenewalPolicy.StableFraction(i.ToString("X8"))).ToArray();
        Assert.All(fractions, f => Assert.InRange(f, 0, 0.9999999999));
        Assert.True(fractions.Count(f => f < 0.5) is > 400 and < 600, "fractions should spread over the window");
    }
}

using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Tests.Orchestration;

/// <summary>What an issuance records when it ends: the Event, and the state that drives the renewal back-off.</summary>
public sealed class IssuanceOutcomeTests
{
    private static readonly CertificateRef Certificate = new("default", "shop", "web");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_success_reports_issued_or_renewed_with_the_serial_and_resets_the_back_off()
    {
        var report = new SuccessReport(Certificate, IssuanceReason.Renewal, "cert-1", Now, ["a.example.test"], "web-tls", new Uri("https://ca.test/order/1"));
        var result = IssuanceOutcome.Result(report, Stored("0a1b"));
        var outcome = IssuanceOutcome.Succeeded(report, result);

        Assert.Equal(IngressEventReasons.CertificateRenewed, outcome.Event.Reason);
        Assert.Equal(IngressEventType.Normal, outcome.Event.Type);
        Assert.Contains("serial 0a1b", outcome.Event.Message, StringComparison.Ordinal);
        Assert.Equal(IngressEventReasons.CertificateIssued, IssuanceOutcome.Succeeded(report with { Reason = IssuanceReason.Requested }, result).Event.Reason);

        var previous = FailedState(failures: 3);
        var state = ReportOutcomeActivity.Next(previous, outcome.State);
        Assert.Equal(CertificateOutcome.Succeeded, state.LastOutcome);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.NextAttemptAfter);
        Assert.Equal("0a1b", state.Serial);
        Assert.Equal(state, ReportOutcomeActivity.Next(null, outcome.State));
    }

    [Fact]
    public void Failures_count_up_push_the_next_attempt_out_and_keep_the_deployed_certificate()
    {
        var failure = IssuanceOutcome.Failed(
            new SaveStateInput(Certificate, "cert-2", Now, [], null, null, null), "The CA could not validate the challenge: " + new string('x', 2000));

        Assert.Equal(IngressEventReasons.IssuanceFailed, failure.Event.Reason);
        Assert.Equal(IngressEventType.Warning, failure.Event.Type);
        Assert.True(failure.Event.Message.Length <= 901);
        Assert.StartsWith("The CA could not validate", failure.State.Error, StringComparison.Ordinal);

        var first = ReportOutcomeActivity.Next(null, failure.State);
        Assert.Equal(1, first.ConsecutiveFailures);
        Assert.Equal(FailureBackoff.NextAttempt(Now, 1), first.NextAttemptAfter);

        var fourth = ReportOutcomeActivity.Next(FailedState(failures: 3), failure.State);
        Assert.Equal(4, fourth.ConsecutiveFailures);
        Assert.Equal(FailureBackoff.NextAttempt(Now, 4), fourth.NextAttemptAfter);
        Assert.Equal("77", fourth.Serial);
        Assert.Equal(["a.example.test"], fourth.Hosts);
        Assert.Equal("web-tls", fourth.SecretName);
    }

    [Fact]
    public void A_rate_limited_finalize_has_no_result()
    {
        var report = new SuccessReport(Certificate, IssuanceReason.Requested, "cert-3", Now, ["a.example.test"], "web-tls", new Uri("https://ca.test/order/3"));
        Assert.Throws<ArgumentException>(() => IssuanceOutcome.Result(report, new FinalizeOutput(null, null, new RateLimitNotice(TimeSpan.FromHours(1), "too many"))));
    }

    private static FinalizeOutput Stored(string serial) => new(
        new TlsSecretSummary("shop", "web-tls", ["a.example.test"], serial, Now, Now.AddDays(90), "CN=Pebble Intermediate", 2, true, false),
        Now.AddDays(60),
        null);

    private static CertificateState FailedState(int failures) => new(
        Certificate, ["a.example.test"], "web-tls", CertificateOutcome.Failed, Now.AddHours(-1), Now.AddDays(-30), failures,
        Now.AddHours(1), "earlier failure", "77", Now.AddDays(60), Now.AddDays(30), "cert-0");
}

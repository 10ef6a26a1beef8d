using CertFunctions.Acme.Ari;
using CertFunctions.Acme.Errors;
using CertFunctions.Core.Acme;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Renewal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>Asking the CA for renewal windows: only for its own certificates, no more often than it allows, never fatal.</summary>
public sealed class RenewalAdvisorTests
{
    private const string Directory = "https://ca.example.test/dir";
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_ca_is_asked_again_only_after_its_retry_after()
    {
        var (advisor, source, time) = Create();
        source.Answer = _ => new RenewalInfo(Start.AddDays(1), Start.AddDays(2), null, TimeSpan.FromHours(2));

        Assert.Equal(new RenewalWindow(Start.AddDays(1), Start.AddDays(2)), await advisor.GetWindowAsync(Ours("id-1"), CancellationToken.None));
        time.Advance(TimeSpan.FromHours(1));
        await advisor.GetWindowAsync(Ours("id-1"), CancellationToken.None);
        Assert.Equal(1, source.Asked("id-1"));

        time.Advance(TimeSpan.FromHours(1));
        source.Answer = _ => new RenewalInfo(Start, Start.AddHours(1), null, null);
        Assert.Equal(new RenewalWindow(Start, Start.AddHours(1)), await advisor.GetWindowAsync(Ours("id-1"), CancellationToken.None));
        Assert.Equal(2, source.Asked("id-1"));

        // Without a Retry-After the answer is kept for the default period.
        time.Advance(RenewalAdvisor.DefaultRecheck - TimeSpan.FromSeconds(1));
        await advisor.GetWindowAsync(Ours("id-1"), CancellationToken.None);
        Assert.Equal(2, source.Asked("id-1"));
    }

    [Fact]
    public async Task Certificates_that_are_not_ours_or_not_from_this_ca_are_never_asked_about()
    {
        var (advisor, source, _) = Create();

        Assert.Null(await advisor.GetWindowAsync(Ours("id-2") with { ManagedByUs = false }, CancellationToken.None));
        Assert.Null(await advisor.GetWindowAsync(Ours("id-2") with { AcmeDirectory = "https://other-ca.example.test/dir" }, CancellationToken.None));
        Assert.Null(await advisor.GetWindowAsync(Ours(null), CancellationToken.None));
        Assert.Empty(source.Requests);
        Assert.False(advisor.IssuedByConfiguredCa(Ours("id-2") with { AcmeDirectory = null }));
        Assert.True(advisor.IssuedByConfiguredCa(Ours("id-2")));
    }

    [Fact]
    public async Task A_ca_error_keeps_the_last_window_and_is_asked_again_next_time()
    {
        var (advisor, source, time) = Create();
        source.Answer = _ => new RenewalInfo(Start.AddDays(1), Start.AddDays(2), null, TimeSpan.FromMinutes(5));
        await advisor.GetWindowAsync(Ours("id-3"), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(6));
        source.Answer = _ => throw new AcmeProtocolException("renewalInfo window ends before it starts");
        Assert.Equal(new RenewalWindow(Start.AddDays(1), Start.AddDays(2)), await advisor.GetWindowAsync(Ours("id-3"), CancellationToken.None));
        Assert.Null(await advisor.GetWindowAsync(Ours("id-4"), CancellationToken.None));

        source.Answer = _ => new RenewalInfo(Start, Start.AddHours(1), null, null);
        Assert.Equal(new RenewalWindow(Start, Start.AddHours(1)), await advisor.GetWindowAsync(Ours("id-3"), CancellationToken.None));
        Assert.Equal(3, source.Asked("id-3"));
    }

    [Fact]
    public async Task A_ca_out_of_reach_or_without_renewal_info_is_reported_unavailable()
    {
        var (advisor, source, _) = Create();
        source.Offered = () => throw new HttpRequestException("Connection refused (127.0.0.1:14000)");
        Assert.False(await advisor.IsAvailableAsync(CancellationToken.None));

        source.Offered = () => false;
        Assert.False(await advisor.IsAvailableAsync(CancellationToken.None));

        source.Offered = () => true;
        Assert.True(await advisor.IsAvailableAsync(CancellationToken.None));
    }

    private static (RenewalAdvisor Advisor, FakeRenewalInfoSource Source, FakeTimeProvider Time) Create()
    {
        var source = new FakeRenewalInfoSource();
        var time = new FakeTimeProvider(Start);
        var options = Options.Create(new AcmeOptions { DirectoryUrl = new Uri(Directory) });
        return (new RenewalAdvisor(source, options, time, NullLogger<RenewalAdvisor>.Instance), source, time);
    }

    private static DeployedCertificate Ours(string? ariCertificateId) => new(
        "demo", "web-tls", ["a.example.test"], Start.AddDays(-10), Start.AddDays(80), "CN=CA", "0a1b", true, Start.AddDays(50), Directory, ariCertificateId);

    private sealed class FakeRenewalInfoSource : IRenewalInfoSource
    {
        public Func<string, RenewalInfo?> Answer { get; set; } = _ => null;

        public Func<bool> Offered { get; set; } = () => true;

        public List<string> Requests { get; } = [];

        public int Asked(string id) => Requests.Count(r => r == id);

        public Task<bool> IsOfferedAsync(CancellationToken cancellationToken) => Task.FromResult(Offered());

        public Task<RenewalInfo?> GetAsync(string ariCertificateId, CancellationToken cancellationToken)
        {
            Requests.Add(ariCertificateId);
            return Task.FromResult(Answer(ariCertificateId));
        }
    }
}

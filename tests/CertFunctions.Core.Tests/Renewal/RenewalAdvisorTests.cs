using CertFunctions.Acme.Ari;
using CertFunctions.Acme.Errors;
using CertFunctions.Core.Acme;
using CertFunctions.Core.Issuers;
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
        Assert.Null(advisor.IssuerOf(Ours("id-2") with { AcmeDirectory = null }));
        Assert.Equal(AcmeIssuer.DefaultName, advisor.IssuerOf(Ours("id-2"))?.Name);
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

    [Fact]
    public async Task Each_issuer_is_asked_about_its_own_certificates_and_its_own_renewal_info()
    {
        var source = new FakeRenewalInfoSource { Offered = () => true };
        var time = new FakeTimeProvider(Start);
        var catalog = new AcmeIssuerCatalog(Options.Create(new AcmeOptions
        {
            Issuers =
            {
                ["default"] = new AcmeIssuerOptions { DirectoryUrl = new Uri(Directory) },
                ["private"] = new AcmeIssuerOptions { DirectoryUrl = new Uri(OtherDirectory) },
                ["quiet"] = new AcmeIssuerOptions { DirectoryUrl = new Uri("https://quiet.example.test/dir") },
            },
        }));
        var advisor = new RenewalAdvisor(source, catalog, time, NullLogger<RenewalAdvisor>.Instance);
        source.OfferedBy = issuer => issuer.Name != "quiet";
        source.Answer = _ => new RenewalInfo(Start.AddDays(1), Start.AddDays(2), null, null);

        Assert.True(await advisor.IsAvailableAsync(CancellationToken.None));
        Assert.Equal(["default", "private", "quiet"], source.OfferAsked.Order());

        // The same ARI id at two CAs is two certificates: each CA is asked about its own, and each answer is cached apart.
        var fromPrivate = Ours("same-id") with { AcmeDirectory = OtherDirectory, IssuerName = "private" };
        Assert.NotNull(await advisor.GetWindowAsync(Ours("same-id"), CancellationToken.None));
        Assert.NotNull(await advisor.GetWindowAsync(fromPrivate, CancellationToken.None));
        Assert.Equal(["default", "private"], source.AskedOf.Order());

        // A CA that offers no renewal info is not asked per certificate.
        Assert.Null(await advisor.GetWindowAsync(Ours("q") with { AcmeDirectory = "https://quiet.example.test/dir", IssuerName = "quiet" }, CancellationToken.None));
        Assert.Equal(2, source.Requests.Count);

        // A Secret naming an issuer whose CA is not the one that issued it (the settings moved it) is nobody's.
        Assert.Null(advisor.IssuerOf(fromPrivate with { AcmeDirectory = Directory }));
        // A Secret from before named issuers is matched by its directory.
        Assert.Equal("private", advisor.IssuerOf(fromPrivate with { IssuerName = null })?.Name);
    }

    private const string OtherDirectory = "https://private-ca.example.test/acme/directory";

    private static (RenewalAdvisor Advisor, FakeRenewalInfoSource Source, FakeTimeProvider Time) Create()
    {
        var source = new FakeRenewalInfoSource();
        var time = new FakeTimeProvider(Start);
        var catalog = new AcmeIssuerCatalog(Options.Create(new AcmeOptions { DirectoryUrl = new Uri(Directory) }));
        return (new RenewalAdvisor(source, catalog, time, NullLogger<RenewalAdvisor>.Instance), source, time);
    }

    private static DeployedCertificate Ours(string? ariCertificateId) => new(
        "demo", "web-tls", ["a.example.test"], Start.AddDays(-10), Start.AddDays(80), "CN=CA", "0a1b", true, Start.AddDays(50), Directory, ariCertificateId);

    private sealed class FakeRenewalInfoSource : IRenewalInfoSource
    {
        public Func<string, RenewalInfo?> Answer { get; set; } = _ => null;

        public Func<bool> Offered { get; set; } = () => true;

        public Func<AcmeIssuer, bool> OfferedBy { get; set; } = _ => true;

        public List<string> Requests { get; } = [];

        public List<string> AskedOf { get; } = [];

        public List<string> OfferAsked { get; } = [];

        public int Asked(string id) => Requests.Count(r => r == id);

        public Task<bool> IsOfferedAsync(AcmeIssuer issuer, CancellationToken cancellationToken)
        {
            lock (OfferAsked)
            {
                OfferAsked.Add(issuer.Name);
            }

            return Task.FromResult(Offered() && OfferedBy(issuer));
        }

        public Task<RenewalInfo?> GetAsync(AcmeIssuer issuer, string ariCertificateId, CancellationToken cancellationToken)
        {
            AskedOf.Add(issuer.Name);
            Requests.Add(ariCertificateId);
            return Task.FromResult(Answer(ariCertificateId));
        }
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.EndToEnd.Tests.Issuance;

namespace CertFunctions.EndToEnd.Tests.Telemetry;

/// <summary>After a real issuance (Pebble, emulator, Azurite), the host's Prometheus scrape shows its figures with the right tags.</summary>
public sealed class MetricsEndToEndTests(TelemetryWorldFixture fixture) : IClassFixture<TelemetryWorldFixture>
{
    [Fact]
    public async Task Scrape_counts_the_issuance_and_gauges_its_certificate()
    {
        Assert.Equal("Completed", (string?)fixture.Operation["status"]);
        var metrics = await ScrapeAsync();
        var ns = fixture.Namespace;
        var certificate = $"certfunctions_cluster=\"default\"";

        Assert.Equal(1, Single(metrics, "certfunctions_issuance_started_total", certificate, "certfunctions_reason=\"Requested\"", "certfunctions_kind=\"Ingress\""));
        Assert.Equal(1, Single(metrics, "certfunctions_issuance_completed_total", "certfunctions_outcome=\"succeeded\"", "certfunctions_failure_kind=\"none\"", "certfunctions_issuer=\"default\""));
        Assert.Equal(1, Single(metrics, "certfunctions_issuance_duration_seconds_count", "certfunctions_outcome=\"succeeded\""));
        Assert.True(Single(metrics, "certfunctions_issuance_duration_seconds_sum", "certfunctions_outcome=\"succeeded\"") > 0);
        Assert.Empty(Lines(metrics, "certfunctions_issuance_completed_total", "certfunctions_outcome=\"failed\""));

        // The gauges of this certificate: tagged with its object and Secret, measured against the certificate in the Secret.
        var tags = new[] { certificate, $"certfunctions_namespace=\"{ns}\"", "certfunctions_kind=\"Ingress\"", "certfunctions_name=\"observed\"", $"certfunctions_secret=\"{ns}/observed-tls\"" };
        var notAfter = await NotAfterAsync();
        var expiresIn = Single(metrics, "certfunctions_certificate_expires_in_seconds", tags);
        Assert.InRange(expiresIn, (notAfter - DateTimeOffset.UtcNow).TotalSeconds - 120, (notAfter - DateTimeOffset.UtcNow).TotalSeconds + 5);
        var renewsIn = Single(metrics, "certfunctions_certificate_renews_in_seconds", tags);
        Assert.InRange(renewsIn, 1, expiresIn);
        Assert.Equal(0, Single(metrics, "certfunctions_certificate_renewal_overdue", tags));

        // ACME requests by endpoint kind and status; never a URL with an account or order id.
        Assert.True(Single(metrics, "certfunctions_acme_requests_total", "acme_endpoint=\"NewOrder\"", "http_response_status_code=\"201\"") >= 1);
        Assert.True(Single(metrics, "certfunctions_acme_requests_total", "acme_endpoint=\"Finalize\"", "http_response_status_code=\"200\"") >= 1);
        Assert.True(Sum(metrics, "certfunctions_acme_requests_total", "acme_endpoint=\"Challenge\"") >= 1);
        Assert.True(Sum(metrics, "certfunctions_acme_request_duration_seconds_count", "acme_endpoint=\"Certificate\"") >= 1);
        Assert.DoesNotContain("my-order", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("my-account", metrics, StringComparison.Ordinal);

        // Kubernetes API requests by verb, resource and code (the Ingress read, the Secret written, the Event recorded).
        Assert.True(Sum(metrics, "certfunctions_kubernetes_requests_total", "k8s_verb=\"get\"", "k8s_resource=\"ingresses\"", "http_response_status_code=\"200\"") >= 1);
        Assert.True(Sum(metrics, "certfunctions_kubernetes_requests_total", "k8s_resource=\"secrets\"") >= 1);
        Assert.True(Sum(metrics, "certfunctions_kubernetes_requests_total", "k8s_verb=\"create\"", "k8s_resource=\"events\"") >= 1);
        Assert.DoesNotContain("k8s_resource=\"observed", metrics, StringComparison.Ordinal);

        Assert.True(Sum(metrics, "certfunctions_selfcheck_rounds_total", "certfunctions_result=\"passed\"") >= 1);
    }

    [Fact]
    public async Task A_renewal_scan_is_counted_and_refreshes_the_gauges()
    {
        var host = fixture.World.Host!;
        using var run = await host.Http.PostAsync(new Uri("admin/functions/RenewalTimer", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.True(run.IsSuccessStatusCode, $"the scan answered {(int)run.StatusCode}");
        var metrics = await ScrapeAsync();
        Assert.True(Single(metrics, "certfunctions_scan_runs_total", "certfunctions_scan=\"renewal\"") >= 1);
        Assert.True(Single(metrics, "certfunctions_scan_objects_total", "certfunctions_scan=\"renewal\"") >= 1);
        Assert.True(Single(metrics, "certfunctions_scan_duration_seconds_count", "certfunctions_scan=\"renewal\"") >= 1);
        Assert.Single(Lines(metrics, "certfunctions_certificate_expires_in_seconds", $"certfunctions_namespace=\"{fixture.Namespace}\""));
    }

    [Fact]
    public async Task The_scrape_endpoint_needs_the_api_key()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.World.Host!.BaseUri };
        using var refused = await anonymous.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("certfunctions_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var allowed = await anonymous.GetAsync(new Uri("metrics?code=" + TelemetryWorldFixture.ApiKey, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("# TYPE certfunctions_issuance_completed_total counter", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await fixture.World.Host!.Http.GetAsync(new Uri("metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"scrape answered {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return text;
    }

    private async Task<DateTimeOffset> NotAfterAsync()
    {
        var secret = await E2E.GetJsonAsync(fixture.World, "get", "secret", "observed-tls", "-n", fixture.Namespace);
        var pem = Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!));
        using var leaf = X509Certificate2.CreateFromPem(pem);
        return leaf.NotAfter.ToUniversalTime();
    }

    /// <summary>The sample lines of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    private static List<string> Lines(string metrics, string name, params string[] labels)
        => [.. metrics.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))];

    private static double Single(string metrics, string name, params string[] labels)
    {
        var lines = Lines(metrics, name, labels);
        Assert.True(lines.Count == 1, $"expected one {name} sample with {string.Join(", ", labels)}, found {lines.Count}:\n{string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)))}");
        return Value(lines[0]);
    }

    private static double Sum(string metrics, string name, params string[] labels) => Lines(metrics, name, labels).Sum(Value);

    private static double Value(string line)
    {
        var parts = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ');
        return double.Parse(parts[0], CultureInfo.InvariantCulture);
    }
}

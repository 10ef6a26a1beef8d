using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CertFunctions.Core.Dashboard;
using CertFunctions.Testing.LocalWorld;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CertFunctions.Dashboard.Tests;

/// <summary>The dashboard in chromium against the local host: what it lists, what its buttons do, how it fails.</summary>
[Collection(ApiClientWorldCollection.Name)]
public sealed partial class DashboardBrowserTests(ApiClientWorldFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 90_000 };

    static DashboardBrowserTests() => SetDefaultExpectTimeout(30_000);

    private Uri PageUrl => new(fixture.Host.BaseUri, "dashboard?code=" + ApiClientWorldFixture.ApiKey);

    [Fact]
    public async Task The_page_lists_a_certificate_issued_in_the_test_and_drops_the_key_from_the_address_bar()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "web", ["list.dashboard.example.test"], namespacePrefix: "dash");
        await Issuance.IssueAsync(fixture.Host, ns, "web");

        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl);
        var page = session.Page;
        var row = page.Locator($"#certificates tbody tr[data-namespace='{ns}']");

        await Expect(row).ToContainTextAsync("Ingress web");
        await Expect(row).ToContainTextAsync("list.dashboard.example.test");
        await Expect(row).ToContainTextAsync("web-tls");
        await Expect(row.Locator("td[data-label='Issuer']")).ToHaveTextAsync("default");
        await Expect(row).ToContainTextAsync("Succeeded");
        await Expect(row.Locator(".expiry.risk-ok")).ToHaveTextAsync(TimestampUtc());
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Filter").FillAsync(ns);
        await Expect(page.Locator("#certificates tbody tr")).ToHaveCountAsync(1);
        await page.Locator("th[data-sort='namespace'] button").ClickAsync();
        await Expect(page.Locator("th[data-sort='namespace']")).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.True(session.Errors.Count == 0, string.Join('\n', session.Errors.Concat(session.Failed)));
    }

    [Fact]
    public async Task Renew_pressed_from_the_keyboard_shows_the_live_steps_through_to_completed()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "web", ["renew.dashboard.example.test"], namespacePrefix: "dash");
        await Issuance.IssueAsync(fixture.Host, ns, "web");
        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl);
        var page = session.Page;

        var renew = page.GetByRole(AriaRole.Button, new() { Name = $"Renew {ns}/web" });
        await renew.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var operation = page.Locator("#operations li.operation").Filter(new() { HasText = ns });
        await Expect(operation.Locator(".state")).ToHaveTextAsync("Running: SelfChecking");
        await Expect(operation.Locator(".state")).ToHaveTextAsync("Completed", Long);
        var steps = await operation.Locator(".steps li").AllTextContentsAsync();
        Assert.Contains("SelfChecking", steps);
        Assert.Equal("Completed", steps[^1]);
        Assert.True(session.Errors.Count == 0, string.Join('\n', session.Errors.Concat(session.Failed)));
    }

    [Fact]
    public async Task Renew_on_a_gateway_row_renews_the_gateway_and_shows_its_run_through_to_completed()
    {
        var ns = await GatewaySeeder.SeedAsync(fixture.World, "edge", [
            GatewaySeeder.Http("http"), GatewaySeeder.Https("shop", "shop.gw-renew.dashboard.example.test", "shop-tls")], namespacePrefix: "dash-gw");
        await Issuance.IssueGatewayAsync(fixture.Host, ns, "edge");
        var before = await SerialAsync(ns, "shop-tls");
        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl);
        var page = session.Page;

        await Expect(page.Locator($"#certificates tbody tr[data-namespace='{ns}']")).ToContainTextAsync("Gateway edge");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Renew {ns}/edge" }).ClickAsync();

        var operation = page.Locator("#operations li.operation").Filter(new() { HasText = ns });
        await Expect(operation.Locator(".state")).ToHaveTextAsync("Completed", Long);
        Assert.NotEqual(before, await SerialAsync(ns, "shop-tls"));
        Assert.True(session.Errors.Count == 0, string.Join('\n', session.Errors.Concat(session.Failed)));
    }

    [Fact]
    public async Task Cancel_on_a_running_operation_ends_it_as_terminated()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "web", ["cancel.dashboard.example.test"], namespacePrefix: "dash");
        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl);
        var page = session.Page;

        await RequestAsync(page, ns, "web");
        var operation = page.Locator("#operations li.operation").Filter(new() { HasText = ns });
        await Expect(operation.Locator(".state")).ToHaveTextAsync("Running: SelfChecking");
        await operation.GetByRole(AriaRole.Button, new() { NameRegex = CancelName() }).ClickAsync();

        await Expect(operation.Locator(".state")).ToHaveTextAsync("Terminated", Long);
        await Expect(operation.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        Assert.True(session.Errors.Count == 0, string.Join('\n', session.Errors.Concat(session.Failed)));
    }

    [Fact]
    public async Task A_refused_request_shows_the_problem_and_its_field_errors_in_words()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "plain", ["plain.dashboard.example.test"], optIn: false, namespacePrefix: "dash");
        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl);
        var page = session.Page;
        var error = page.GetByRole(AriaRole.Alert);

        await RequestAsync(page, ns, "plain");
        await Expect(error).ToContainTextAsync("The Ingress does not opt in (400)");
        await Expect(error).ToContainTextAsync($"Ingress {ns}/plain does not opt in to CertFunctions");

        await RequestAsync(page, "Bad_Namespace", "plain");
        await Expect(error).ToContainTextAsync("Invalid certificate request (400)");
        await Expect(error.Locator("li")).ToContainTextAsync("namespace: 'Bad_Namespace' is not a valid namespace name");

        // The browser itself logs each 4xx answer as a console error; nothing else may appear.
        Assert.All(session.Errors, e => Assert.Matches(@"^console: Failed to load resource: the server responded with a status of 400", e));
    }

    [Fact]
    public async Task A_failed_issuance_is_listed_under_recent_failures_and_its_refused_notification_is_redelivered_from_the_page()
    {
        // The CA resolves this name to an address where nothing listens, so its validation fails.
        const string host = "down.dashboard.example.test";
        using (var dns = new HttpClient())
        {
            using var added = await dns.PostAsJsonAsync(
                new Uri($"http://127.0.0.1:{fixture.World.Pebble.DnsManagementPort}/add-a"), new { host, addresses = new[] { "127.0.0.2" } });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        var ns = await IngressSeeder.SeedAsync(fixture.World, "down", [host], namespacePrefix: "dash");
        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl);
        var page = session.Page;

        await RequestAsync(page, ns, "down");
        var operation = page.Locator("#operations li.operation").Filter(new() { HasText = ns });
        await Expect(operation.Locator(".state")).ToHaveTextAsync("Failed", Long);
        await Expect(operation.Locator(".last-error")).ToContainTextAsync("The CA could not validate");

        var failure = page.Locator("#failures li").Filter(new() { HasText = ns });
        await Expect(failure).ToContainTextAsync("Ingress down");
        await Expect(failure).ToContainTextAsync("The CA could not validate");
        await page.GetByLabel("Expiry").SelectOptionAsync("failed");
        await Expect(page.Locator($"#certificates tbody tr[data-namespace='{ns}'] .outcome-Failed")).ToHaveTextAsync("Failed");

        // The failure's notification was refused (410): it is listed until it is redelivered.
        var certificate = $"default/{ns}/down";
        var undelivered = page.Locator("#undelivered li").Filter(new() { HasText = certificate });
        await Expect(undelivered).ToContainTextAsync($"failed for {certificate} to webhook {ApiClientWorldFixture.RefusingWebhook}", new() { Timeout = 90_000 });
        await Expect(undelivered).ToContainTextAsync("answered 410");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Redeliver all" })).ToBeVisibleAsync();
        fixture.Receiver.Answer(ApiClientWorldFixture.RefusingPath, HttpStatusCode.OK);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Redeliver failed for {certificate} to {ApiClientWorldFixture.RefusingWebhook}" }).ClickAsync();
            await Expect(undelivered).ToHaveCountAsync(0);
            // Only this test's issuance fails in this world: nothing is left, so neither is the bulk button.
            await Expect(page.Locator("#redeliver-all")).ToBeHiddenAsync();
            await Expect(page.Locator("#undelivered-empty")).ToBeVisibleAsync();
            var delivered = await fixture.Receiver.WaitForAsync(
                r => r.Path == ApiClientWorldFixture.RefusingPath && r.StatusCode == 200 && r.Body.Contains(ns, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            Assert.Equal("io.certfunctions.certificate.failed", (string?)delivered.Json["type"]);
        }
        finally
        {
            fixture.Receiver.Answer(ApiClientWorldFixture.RefusingPath, HttpStatusCode.Gone);
        }

        Assert.True(session.Errors.Count == 0, string.Join('\n', session.Errors.Concat(session.Failed)));
    }

    [Fact]
    public async Task A_key_the_api_refuses_asks_for_one_and_the_list_loads_with_the_new_key()
    {
        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl);
        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("managed certificate(s)");

        await page.EvaluateAsync("() => sessionStorage.setItem('certfunctions.key', 'a-rotated-key')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(page.Locator("#key-panel")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("(401)");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync(ApiClientWorldFixture.ApiKey);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#key-panel")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("managed certificate(s)");
        Assert.All(session.Errors, e => Assert.Matches(@"^console: Failed to load resource: the server responded with a status of 401", e));
    }

    [Fact]
    public async Task At_360_px_the_page_fits_the_width_and_a_certificate_reads_as_labelled_lines()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "narrow", ["a-rather-long-host-name.narrow.dashboard.example.test"], namespacePrefix: "dash");
        await Issuance.IssueAsync(fixture.Host, ns, "narrow");

        await using var session = await DashboardSession.OpenAsync(chromium.Browser, PageUrl, width: 360, height: 740);
        var page = session.Page;
        var row = page.Locator($"#certificates tbody tr[data-namespace='{ns}']");
        await Expect(row).ToContainTextAsync("a-rather-long-host-name.narrow.dashboard.example.test");

        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, "the page scrolls sideways at 360 px");
        Assert.Equal("grid", await row.Locator("td[data-label='Expires']").EvaluateAsync<string>("td => getComputedStyle(td).display"));
        var renew = await row.GetByRole(AriaRole.Button).BoundingBoxAsync();
        Assert.NotNull(renew);
        Assert.True(renew.X + renew.Width <= 360);
        Assert.True(session.Errors.Count == 0, string.Join('\n', session.Errors.Concat(session.Failed)));
    }

    [Fact]
    public async Task The_page_and_its_assets_need_the_key_and_come_with_a_strict_content_security_policy()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseUri };

        using var withoutKey = await anonymous.GetAsync(new Uri("dashboard", UriKind.Relative));
        using var assetWithoutKey = await anonymous.GetAsync(new Uri("dashboard/dashboard.js", UriKind.Relative));
        using var page = await anonymous.GetAsync(new Uri("dashboard?code=" + ApiClientWorldFixture.ApiKey, UriKind.Relative));
        using var unknownAsset = await anonymous.GetAsync(new Uri("dashboard/other.js?code=" + ApiClientWorldFixture.ApiKey, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, assetWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAsset.StatusCode);
        var policy = string.Join(';', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(DashboardEndpoint.ContentSecurityPolicy, policy);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"src=\"dashboard/dashboard.js?code={ApiClientWorldFixture.ApiKey}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    private async Task<string> SerialAsync(string ns, string secret)
    {
        var read = await fixture.World.Emulator.RunKubectlAsync("get", "secret", secret, "-n", ns, "-o", @"jsonpath={.metadata.annotations.certfunctions\.io/serial}");
        Assert.True(read.ExitCode == 0 && read.StandardOutput.Length > 0, $"Secret {secret}: {read.StandardError}");
        return read.StandardOutput;
    }

    private static async Task RequestAsync(IPage page, string ns, string name)
    {
        await page.GetByLabel("Namespace", new() { Exact = true }).FillAsync(ns);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Request", Exact = true }).ClickAsync();
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$")]
    private static partial Regex TimestampUtc();

    [GeneratedRegex("^Cancel ")]
    private static partial Regex CancelName();
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.Cli.Tests;

/// <summary>The built tool, run as a process against the local host in the local world.</summary>
[Collection(ApiClientWorldCollection.Name)]
public sealed class CliEndToEndTests(ApiClientWorldFixture fixture)
{
    private string Url => fixture.Host.BaseUri.AbsoluteUri;

    [Fact]
    public async Task Request_with_wait_shows_each_step_as_a_plain_line_and_exits_0_when_completed()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "web", ["wait.cli.example.test"]);

        var run = await CliAsync("request", $"{ns}/web", "--wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        var progress = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(progress, line => line.Contains("Running", StringComparison.Ordinal) && line.Contains("SelfChecking", StringComparison.Ordinal));
        Assert.Contains(progress, line => line.Contains("Completed", StringComparison.Ordinal));
        Assert.All(progress.Where(l => l.StartsWith('[')), line => Assert.Matches(@"^\[\s*\d+\.\ds\] ", line));
        // Redirected output gets plain lines: no carriage returns or terminal escapes.
        Assert.DoesNotContain('\r', run.Error);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.Contains("Status:     Completed", run.Output, StringComparison.Ordinal);
        Assert.Contains("Secret:     web-tls", run.Output, StringComparison.Ordinal);
        AssertKeyNotShown(run);
    }

    [Fact]
    public async Task List_shows_a_certificate_issued_in_the_test_as_a_table_and_as_json()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "shop", ["list.cli.example.test"]);
        var issued = await CliAsync("request", $"{ns}/shop", "--wait", "--output", "json");
        Assert.True(issued.ExitCode == 0, issued.ToString());
        Assert.Equal("Completed", (string?)JsonNode.Parse(issued.Output)!["status"]);

        var table = await CliAsync("list");
        var json = await CliAsync("list", "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        var header = table.Output.Split('\n')[0];
        Assert.StartsWith("CLUSTER", header, StringComparison.Ordinal);
        var row = Assert.Single(table.Output.Split('\n'), line => line.Contains(ns, StringComparison.Ordinal));
        Assert.Matches($@"^default\s+{ns}\s+Ingress\s+shop\s+list\.cli\.example\.test\s+shop-tls\s+default\s+\d{{4}}-\d\d-\d\d \d\d:\d\d UTC\s+ok\s+.*Succeeded", row);

        Assert.True(json.ExitCode == 0, json.ToString());
        var entry = Assert.Single(JsonNode.Parse(json.Output)!["certificates"]!.AsArray(), c => (string?)c!["certificate"]!["namespace"] == ns)!;
        Assert.Equal("shop", (string?)entry["certificate"]!["ingress"]);
        Assert.Equal("list.cli.example.test", (string?)entry["hosts"]![0]);
        Assert.Equal("default", (string?)entry["issuer"]);
        Assert.NotNull((string?)entry["notAfter"]);
        AssertKeyNotShown(table);
    }

    [Fact]
    public async Task Renew_finds_the_cluster_in_the_list_and_follows_the_renewal_to_a_new_certificate()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "web", ["renew.cli.example.test"]);
        var issued = await CliAsync("request", $"{ns}/web", "--wait", "-o", "json");
        Assert.True(issued.ExitCode == 0, issued.ToString());

        var renewed = await CliAsync("renew", $"{ns}/web", "--wait", "-o", "json");

        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        var first = JsonNode.Parse(issued.Output)!;
        var second = JsonNode.Parse(renewed.Output)!;
        Assert.Equal("Completed", (string?)second["status"]);
        Assert.Equal("default", (string?)second["certificate"]!["cluster"]);
        Assert.NotEqual((string?)first["result"]!["serial"], (string?)second["result"]!["serial"]);
        Assert.Contains("SelfChecking", renewed.Error, StringComparison.Ordinal);
        Assert.Contains("Completed", renewed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_with_gateway_renews_every_secret_the_gateway_names()
    {
        var ns = await GatewaySeeder.SeedAsync(fixture.World, "edge", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-renew.cli.example.test", "shop-tls"),
            GatewaySeeder.Https("blog", "blog.gw-renew.cli.example.test", "blog-tls"),
        ], namespacePrefix: "cli-gw");
        var issued = await CliAsync("request", $"{ns}/edge", "--gateway", "--wait", "-o", "json");
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var before = await SerialsAsync(ns, "shop-tls", "blog-tls");

        var renewed = await CliAsync("renew", $"{ns}/edge", "--gateway", "--wait", "-o", "json");

        Assert.True(renewed.ExitCode == 0, renewed.ToString());
        var result = JsonNode.Parse(renewed.Output)!;
        Assert.Equal("Completed", (string?)result["status"]);
        Assert.Equal(("Gateway", "edge"), ((string?)result["certificate"]!["kind"], (string?)result["certificate"]!["ingress"]));
        var after = await SerialsAsync(ns, "shop-tls", "blog-tls");
        Assert.All(after.Zip(before), pair => Assert.NotEqual(pair.Second, pair.First));
    }

    [Fact]
    public async Task Cancel_ends_a_running_operation_whose_status_then_exits_1()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "web", ["cancel.cli.example.test"]);
        var started = await CliAsync("request", $"{ns}/web", "-o", "json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var id = (string)JsonNode.Parse(started.Output)!["id"]!;
        await WaitForStepAsync(id, "SelfChecking");

        var cancelled = await CliAsync("cancel", id);
        var status = await CliAsync("status", id);
        var again = await CliAsync("cancel", id);

        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Contains("Status:     Terminated", cancelled.Output, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 1, status.ToString());
        Assert.Contains("Status:     Terminated", status.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("error: The operation has ended (409)", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_whose_issuance_fails_exits_1_with_the_reason()
    {
        var ns = await SeedUnreachableIngressAsync("down.cli.example.test");

        var run = await CliAsync("request", $"{ns}/down", "--wait");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Status:     Failed", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Failure:\s+.*The CA could not validate", run.Output);
        Assert.Contains(run.Error.Split('\n'), line => line.Contains("Failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notifications_list_shows_a_refused_failure_notice_and_redeliver_sends_it_once_more()
    {
        var ns = await SeedUnreachableIngressAsync("notice.cli.example.test");
        Assert.Equal(1, (await CliAsync("request", $"{ns}/down", "--wait")).ExitCode);
        var certificate = $"default/{ns}/down";

        // The failure's notice goes to a webhook that answers 410; the delivery keeps it as it ends.
        string row;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            while (true)
            {
                var list = await CliAsync("notifications", "list");
                Assert.True(list.ExitCode == 0, list.ToString());
                Assert.StartsWith("ID", list.Output.Split('\n')[0], StringComparison.Ordinal);
                if (list.Output.Split('\n').FirstOrDefault(l => l.Contains(certificate, StringComparison.Ordinal)) is { } found)
                {
                    row = found;
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token);
            }
        }

        Assert.Matches($@"^[0-9a-f]{{32}}\s+failed\s+{certificate}\s+{ApiClientWorldFixture.RefusingWebhook}\s+410\s+\d{{4}}-\d\d-\d\d \d\d:\d\d UTC\s+The receiver answered 410", row);
        var id = row.Split(' ')[0];
        fixture.Receiver.Answer(ApiClientWorldFixture.RefusingPath, System.Net.HttpStatusCode.OK);
        try
        {
            var redeliver = await CliAsync("notifications", "redeliver", id);
            Assert.True(redeliver.ExitCode == 0, redeliver.ToString());
            Assert.StartsWith("Redelivering ", redeliver.Output, StringComparison.Ordinal);
            // Whatever else this world kept goes out too; the webhook takes everything now.
            var all = await CliAsync("notifications", "redeliver-all");
            Assert.True(all.ExitCode == 0, all.ToString());
            Assert.Matches(@"^Redelivering \d+ notification\(s\); 0 left\.", all.Output);
            await fixture.Receiver.WaitForAsync(
                r => r.Path == ApiClientWorldFixture.RefusingPath && r.StatusCode == 200 && r.Body.Contains(ns, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

            var again = await CliAsync("notifications", "redeliver", id);
            Assert.True(again.ExitCode == 3, again.ToString());
            Assert.StartsWith("error: Undelivered notification not found (404)", again.Error, StringComparison.Ordinal);
            var json = await CliAsync("notifications", "list", "-o", "json");
            Assert.DoesNotContain(JsonNode.Parse(json.Output)!["items"]!.AsArray(), i => (string?)i!["id"] == id);
            AssertKeyNotShown(json);
        }
        finally
        {
            fixture.Receiver.Answer(ApiClientWorldFixture.RefusingPath, System.Net.HttpStatusCode.Gone);
        }
    }

    [Fact]
    public async Task A_request_the_server_refuses_exits_2_with_the_problem_in_words()
    {
        var ns = await IngressSeeder.SeedAsync(fixture.World, "plain", ["plain.cli.example.test"], optIn: false);

        var run = await CliAsync("request", $"{ns}/plain");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: The Ingress does not opt in (400)", run.Error, StringComparison.Ordinal);
        Assert.Contains($"Ingress {ns}/plain does not opt in", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task An_invalid_request_lists_the_servers_field_errors()
    {
        var run = await CliAsync("request", "Not_A_Namespace/web");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: Invalid certificate request (400)", run.Error, StringComparison.Ordinal);
        Assert.Contains("  - namespace: 'Not_A_Namespace' is not a valid namespace name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_request_sends_the_gateway_body_and_shows_what_the_server_answers()
    {
        var run = await CliAsync("request", "shop/web-gateway", "--gateway");

        // The API does not serve Gateways yet (a 400 naming the missing Ingress); once it does, an unknown one is a 404.
        Assert.True(run.ExitCode is 2 or 3, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("request", "nowhere/missing")]
    [InlineData("status", "cert_default_nowhere_missing_00000000")]
    [InlineData("cancel", "cert_default_nowhere_missing_00000000")]
    public async Task What_does_not_exist_exits_3(string command, string target)
    {
        var run = await CliAsync(command, target);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Matches(@"^error: (Ingress|Operation) not found \(404\)", run.Error);
    }

    [Fact]
    public async Task A_wrong_key_exits_1_and_is_never_printed()
    {
        const string wrong = "not-the-key-8d2e";
        var run = await CliProcess.RunAsync(["list", "--url", Url, "--key", wrong]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Unauthorized (401)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_option_overrides_the_environment_which_overrides_the_config_file()
    {
        var configHome = Directory.CreateTempSubdirectory("certfunctions-cli-config-");
        try
        {
            Directory.CreateDirectory(Path.Combine(configHome.FullName, "certfunctions"));
            await File.WriteAllTextAsync(
                Path.Combine(configHome.FullName, "certfunctions", "config.json"),
                new JsonObject { ["url"] = Url, ["key"] = ApiClientWorldFixture.ApiKey }.ToJsonString());
            var fromFile = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = configHome.FullName };
            var envOverFile = new Dictionary<string, string>(fromFile) { ["CERTFUNCTIONS_KEY"] = "wrong-from-env" };
            var optionOverEnv = new Dictionary<string, string> { ["CERTFUNCTIONS_URL"] = Url, ["CERTFUNCTIONS_KEY"] = "wrong-from-env" };

            Assert.Equal(0, (await CliProcess.RunAsync(["list"], fromFile)).ExitCode);
            Assert.Equal(1, (await CliProcess.RunAsync(["list"], envOverFile)).ExitCode);
            Assert.Equal(0, (await CliProcess.RunAsync(["list", "--key", ApiClientWorldFixture.ApiKey], optionOverEnv)).ExitCode);
            Assert.Equal(0, (await CliProcess.RunAsync(["list", "--config", Path.Combine(configHome.FullName, "certfunctions", "config.json")])).ExitCode);
        }
        finally
        {
            configHome.Delete(recursive: true);
        }
    }

    private Task<CliResult> CliAsync(params string[] args) => CliProcess.RunAsync([.. args, "--url", Url, "--key", ApiClientWorldFixture.ApiKey]);

    private async Task<List<string>> SerialsAsync(string ns, params string[] secrets)
    {
        var serials = new List<string>();
        foreach (var secret in secrets)
        {
            var read = await fixture.World.Emulator.RunKubectlAsync("get", "secret", secret, "-n", ns, "-o", @"jsonpath={.metadata.annotations.certfunctions\.io/serial}");
            Assert.True(read.ExitCode == 0 && read.StandardOutput.Length > 0, $"Secret {secret}: {read.StandardError}");
            serials.Add(read.StandardOutput);
        }

        return serials;
    }

    /// <summary>Seeds an opted-in Ingress for <paramref name="host"/>, which the CA resolves to an address where nothing listens: its validation fails.</summary>
    private async Task<string> SeedUnreachableIngressAsync(string host)
    {
        using (var dns = new HttpClient())
        {
            using var added = await dns.PostAsJsonAsync(
                new Uri($"http://127.0.0.1:{fixture.World.Pebble.DnsManagementPort}/add-a"), new { host, addresses = new[] { "127.0.0.2" } });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        return await IngressSeeder.SeedAsync(fixture.World, "down", [host]);
    }

    private static void AssertKeyNotShown(CliResult run)
        => Assert.DoesNotContain(ApiClientWorldFixture.ApiKey, run.Output + run.Error, StringComparison.Ordinal);

    private async Task WaitForStepAsync(string id, string step)
    {
        // Polled over HTTP rather than the tool: a process start per poll could miss the short window.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var path = new Uri("api/certificates/operations/" + Uri.EscapeDataString(id), UriKind.Relative);
        while (true)
        {
            var status = JsonNode.Parse(await fixture.Host.Http.GetStringAsync(path, timeout.Token))!;
            if ((string?)status["progress"]?["step"] == step)
            {
                return;
            }

            Assert.Contains((string?)status["status"], new[] { "Pending", "Running" });
            await Task.Delay(100, timeout.Token);
        }
    }
}

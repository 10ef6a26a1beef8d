using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.SelfCheck;
using CertFunctions.Testing.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.SelfCheck;

/// <summary>The self-check against a real HTTP server on loopback, answering the way ingress controllers do.</summary>
public sealed class ChallengeSelfCheckerTests : IAsyncLifetime
{
    private const string Token = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    private const string KeyAuthorization = Token + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    private readonly int _port = FreePort.Next();
    private WebApplication? _server;
    private int _flakyCalls;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _goodConnections = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            var host = context.Request.Host.Host;
            var path = context.Request.Path.Value ?? string.Empty;
            switch (host)
            {
                case "good.example.test" when path == "/.well-known/acme-challenge/" + Token:
                    _goodConnections.Add(context.Connection.Id);
                    await context.Response.WriteAsync(KeyAuthorization + "\n");
                    return;
                case "redirect.example.test" when path.StartsWith("/.well-known/", StringComparison.Ordinal):
                    context.Response.Redirect("/elsewhere/../moved" + path.Replace("/.well-known", string.Empty, StringComparison.Ordinal));
                    return;
                case "loop.example.test":
                    context.Response.Redirect(path);
                    return;
                case "ftp.example.test":
                    context.Response.Redirect("ftp://ftp.example.test/file");
                    return;
                case "to-ip.example.test":
                    context.Response.Redirect($"http://127.0.0.1:{_port}/moved/acme-challenge/{Token}");
                    return;
                case "to-port.example.test":
                    context.Response.Redirect($"http://good.example.test:8080/.well-known/acme-challenge/{Token}");
                    return;
                case "to-https.example.test":
                    context.Response.Redirect($"https://good.example.test:443/.well-known/acme-challenge/{Token}");
                    return;
                case "huge.example.test":
                    await context.Response.WriteAsync(KeyAuthorization + new string(' ', 64 * 1024));
                    return;
                case "wrong.example.test":
                    await context.Response.WriteAsync("something else");
                    return;
                case "no-service.example.test":
                    context.Response.StatusCode = 503;
                    await context.Response.WriteAsync("service shop/certfunctions-responder does not exist\nmore detail\n");
                    return;
                case "html-error.example.test":
                    context.Response.StatusCode = 404;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>");
                    return;
                case "flaky.example.test":
                    if (Interlocked.Increment(ref _flakyCalls) % 3 == 0)
                    {
                        context.Response.StatusCode = 503;
                        return;
                    }

                    await context.Response.WriteAsync(KeyAuthorization);
                    return;
            }

            if (path.StartsWith("/moved/acme-challenge/", StringComparison.Ordinal))
            {
                await context.Response.WriteAsync(KeyAuthorization);
                return;
            }

            await next(context);
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_attempt_opens_a_new_connection_so_passes_can_reach_different_replicas()
    {
        using var checker = Checker();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await checker.CheckOnceAsync("good.example.test", Token, KeyAuthorization, CancellationToken.None)).Passed);
        }

        Assert.Equal(3, _goodConnections.Distinct().Count());
    }

    [Fact]
    public async Task The_key_authorization_passes_with_the_host_header_of_the_name()
    {
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("good.example.test", Token, KeyAuthorization, default);
        Assert.True(attempt.Passed, attempt.Detail);
    }

    [Fact]
    public async Task Redirects_are_followed_like_the_ca_does()
    {
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("redirect.example.test", Token, KeyAuthorization, default);
        Assert.True(attempt.Passed, attempt.Detail);
        Assert.Contains("-> 302", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_ten_redirects_fail_with_the_chain_in_the_detail()
    {
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("loop.example.test", Token, KeyAuthorization, default);
        Assert.False(attempt.Passed);
        Assert.Contains("more than 10 redirects", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_fails()
    {
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("ftp.example.test", Token, KeyAuthorization, default);
        Assert.False(attempt.Passed);
        Assert.Contains("unsupported scheme 'ftp'", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_an_ip_address_is_refused_as_the_ca_refuses_it()
    {
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("to-ip.example.test", Token, KeyAuthorization, default);
        Assert.False(attempt.Passed);
        Assert.Contains("redirect to an IP address (127.0.0.1)", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_a_port_other_than_80_or_443_is_refused()
    {
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("to-port.example.test", Token, KeyAuthorization, default);
        Assert.False(attempt.Passed);
        Assert.Contains("redirect to port 8080", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_https_on_443_is_followed()
    {
        // Nothing listens on 443 here: the hop is attempted (and fails to connect), not refused by the rules.
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("to-https.example.test", Token, KeyAuthorization, default);
        Assert.False(attempt.Passed);
        Assert.Contains("https://good.example.test/.well-known/acme-challenge/", attempt.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect to port", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_larger_than_a_key_authorization_can_be_is_not_read_whole()
    {
        using var checker = Checker();
        var attempt = await checker.CheckOnceAsync("huge.example.test", Token, KeyAuthorization, default);
        Assert.False(attempt.Passed);
        Assert.Contains("body larger than 4096 bytes", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_body_or_status_fails_with_what_was_seen()
    {
        using var checker = Checker();
        var wrong = await checker.CheckOnceAsync("wrong.example.test", Token, KeyAuthorization, default);
        Assert.False(wrong.Passed);
        Assert.Contains("unexpected body", wrong.Detail, StringComparison.Ordinal);

        var missing = await checker.CheckOnceAsync("unknown.example.test", Token, KeyAuthorization, default);
        Assert.False(missing.Passed);
        Assert.Contains("HTTP 404", missing.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_names_what_answered_from_the_start_of_its_body()
    {
        using var checker = Checker();
        var plain = await checker.CheckOnceAsync("no-service.example.test", Token, KeyAuthorization, default);
        Assert.False(plain.Passed);
        Assert.EndsWith("-> 503: \"service shop/certfunctions-responder does not exist\"", plain.Detail, StringComparison.Ordinal);

        var html = await checker.CheckOnceAsync("html-error.example.test", Token, KeyAuthorization, default);
        Assert.False(html.Passed);
        Assert.EndsWith("-> 404: \"404 Not Found\"", html.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("\n\n  \n", "")]
    [InlineData("default backend - 404\n", "default backend - 404")]
    [InlineData("a\u0007b \"quoted\"\tc", "a b quoted c")]
    public void The_body_excerpt_is_one_printable_line(string body, string expected)
    {
        Assert.Equal(expected, ResponseBodyHint.Excerpt(body));
    }

    [Fact]
    public void A_long_body_excerpt_is_cut_to_the_limit()
    {
        var excerpt = ResponseBodyHint.Excerpt(new string('x', 5000));
        Assert.Equal(ResponseBodyHint.MaxLength + 1, excerpt.Length);
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_fails_without_throwing()
    {
        using var checker = new ChallengeSelfChecker(
            Options.Create(new SelfCheckOptions { Port = FreePort.Next(), ConnectAddress = "127.0.0.1", RequestTimeout = TimeSpan.FromSeconds(2) }),
            NullLogger<ChallengeSelfChecker>.Instance);
        var attempt = await checker.CheckOnceAsync("good.example.test", Token, KeyAuthorization, default);
        Assert.False(attempt.Passed);
    }

    [Fact]
    public async Task The_activity_requires_consecutive_passes_and_resets_on_a_failure()
    {
        using var checker = Checker();
        var activity = new SelfCheckActivity(checker, TimeProvider.System);
        var challenge = new PendingChallenge("flaky.example.test", Token, KeyAuthorization, new Uri("https://ca.test/c"), new Uri("https://ca.test/a"));

        // Every third answer is a 503, so three passes in a row never happen; two do.
        var three = await activity.RunAsync(null!, new SelfCheckInput([challenge], 3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(400)));
        Assert.False(three.Passed);
        var two = await activity.RunAsync(null!, new SelfCheckInput([challenge], 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5)));
        Assert.True(two.Passed);
        Assert.Equal([2], two.Passes);
    }

    private ChallengeSelfChecker Checker() => new(
        Options.Create(new SelfCheckOptions { Port = _port, ConnectAddress = "127.0.0.1", RequestTimeout = TimeSpan.FromSeconds(5) }),
        NullLogger<ChallengeSelfChecker>.Instance);
}

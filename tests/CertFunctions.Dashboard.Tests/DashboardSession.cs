using Microsoft.Playwright;

namespace CertFunctions.Dashboard.Tests;

/// <summary>One browser context on the dashboard, recording every console error and uncaught exception of the page.</summary>
internal sealed class DashboardSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private DashboardSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Failed.Add($"{response.Status} {response.Request.Method} {new Uri(response.Url).AbsolutePath}");
            }
        };
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Answers of 400 and above the page received: status, method and path.</summary>
    public List<string> Failed { get; } = [];

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Opens <paramref name="url"/> in a fresh context (its own sessionStorage) at the given viewport.</summary>
    public static async Task<DashboardSession> OpenAsync(IBrowser browser, Uri url, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var session = new DashboardSession(context, page);
        var response = await page.GotoAsync(url.AbsoluteUri);
        Assert.True(response?.Status == 200, $"the page answered {response?.Status}");
        return session;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}

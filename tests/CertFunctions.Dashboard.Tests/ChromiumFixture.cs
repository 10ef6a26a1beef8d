using CertFunctions.Testing.Processes;
using Microsoft.Playwright;

namespace CertFunctions.Dashboard.Tests;

/// <summary>Debian's chromium, launched once by Playwright (no browser download), shared by a test class.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var chromium = ProgramLocator.Require("chromium", "apt-get install chromium (scripts/lib/prereqs.sh does it)", "/usr/bin");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

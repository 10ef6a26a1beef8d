using System.Diagnostics;
using System.Globalization;
using CertFunctions.Testing.Processes;

namespace ResponderLoad;

/// <summary>Runs wrk on loopback for a bounded time.</summary>
internal sealed class Wrk(LoadOptions options)
{
    private readonly string _wrk = ProgramLocator.Require("wrk", "apt-get install -y wrk");

    /// <summary>Runs wrk against <paramref name="url"/> (optionally with a Lua script) for <paramref name="seconds"/> seconds.</summary>
    public async Task<WrkResult> RunAsync(Uri url, string? script, int? seconds = null)
    {
        var start = new ProcessStartInfo(_wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-t", options.Threads.ToString(CultureInfo.InvariantCulture),
            "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", (seconds ?? options.DurationSeconds).ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "5s",
            "--latency",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        start.ArgumentList.Add(url.AbsoluteUri);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds((seconds ?? options.DurationSeconds) + 30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? WrkResult.Parse(await output)
            : throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await error}{await output}");
    }
}

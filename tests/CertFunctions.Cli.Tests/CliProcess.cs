using System.Diagnostics;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Cli.Tests;

/// <summary>Runs the built <c>certfunctions</c> tool as a process (<c>dotnet certfunctions.dll …</c>), output redirected.</summary>
internal static class CliProcess
{
    private static string AssemblyPath => Path.Combine(BuildOutput.Of("tools/CertFunctions.Cli"), "certfunctions.dll");

    /// <summary>Runs the tool with <paramref name="args"/>; the environment holds only <paramref name="environment"/> of ours and an empty config home.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Never pick up the developer's own settings; each run names exactly what it uses.
        start.Environment.Remove("CERTFUNCTIONS_URL");
        start.Environment.Remove("CERTFUNCTIONS_KEY");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "certfunctions-cli-no-config");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"certfunctions {string.Join(' ', start.ArgumentList.Skip(1))} did not end.\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AcmeBench;

/// <summary>Starts a process, times it from start to exit and keeps the end of its output.</summary>
internal static partial class ProcessTimer
{
    public static async Task<RunResult> RunAsync(Contender contender, ProcessStartInfo start, string[] names, string scratch, int repetition, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        stopwatch.Stop();
        process.WaitForExit();
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        var match = RequestsPattern().Match(text);
        int? requests = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var tail = text.Length > 2000 ? text[^2000..] : text;
        var succeeded = process.ExitCode == 0 && contender.Verify(names, scratch, text);
        return new RunResult(contender.Name, names.Length, repetition, stopwatch.Elapsed, succeeded, requests, tail);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"requests=(\d+)")]
    private static partial Regex RequestsPattern();
}

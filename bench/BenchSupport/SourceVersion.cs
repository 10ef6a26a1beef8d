using System.Diagnostics;

namespace BenchSupport;

/// <summary>The repository commit the benchmark ran against, and whether the product code had local changes.</summary>
public static class SourceVersion
{
    public static string Describe(string repositoryRoot, string productPath = "functions")
    {
        var commit = Git(repositoryRoot, "log", "-1", "--format=%h %s");
        var dirty = Git(repositoryRoot, "status", "--porcelain", "--", productPath);
        return commit is null
            ? "unknown (git not available)"
            : $"`{commit}`" + (string.IsNullOrWhiteSpace(dirty) ? string.Empty : " plus uncommitted changes in " + productPath);
    }

    private static string? Git(string directory, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

using System.Diagnostics;

namespace ResponderLoad;

/// <summary>The repository commit the benchmark ran against, and whether the product code had local changes.</summary>
internal static class SourceVersion
{
    public static string Describe(string repositoryRoot)
    {
        var commit = Git(repositoryRoot, "log", "-1", "--format=%h %s");
        var dirty = Git(repositoryRoot, "status", "--porcelain", "--", "functions");
        return commit is null
            ? "unknown (git not available)"
            : $"`{commit}`" + (string.IsNullOrWhiteSpace(dirty) ? string.Empty : " plus uncommitted changes in functions/");
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

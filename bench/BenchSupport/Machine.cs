using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BenchSupport;

/// <summary>Describes the machine for the results file (CPU model, logical CPUs, memory, OS, runtime, GC mode).</summary>
public static class Machine
{
    /// <summary>One line: host, CPU, logical CPUs, memory, OS, runtime and GC mode.</summary>
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault()?.Split(':', 2)[1].Trim() : null;
        var gc = System.Runtime.GCSettings.IsServerGC ? "server GC" : "workstation GC";
        return $"{Environment.MachineName}: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical CPUs (nproc), "
            + $"{memory ?? "? kB"} RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {gc}";
    }

    /// <summary>The 1, 5 and 15 minute load averages (other engineers share this machine), or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The installed version of a Debian package (for reference tools such as lego and certbot), or "?".</summary>
    public static string PackageVersion(string package)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dpkg-query", ["-W", "-f=${Version}", package]) { RedirectStandardOutput = true, UseShellExecute = false });
            var version = process!.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? version : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AcmeBench;

/// <summary>Describes the machine and tool versions for the results file.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault()?.Split(':', 2)[1].Trim() : null;
        return $"{Environment.MachineName}: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} logical CPUs, "
            + $"{memory ?? "? kB"} RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

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

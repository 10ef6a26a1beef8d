using System.Runtime.InteropServices;

namespace LocalHostBench;

/// <summary>Describes the machine for the results file (CPU model, logical CPUs, memory, OS, runtime, GC mode).</summary>
internal static class Machine
{
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
}

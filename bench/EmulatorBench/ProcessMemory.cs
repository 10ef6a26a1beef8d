using System.Globalization;

namespace EmulatorBench;

/// <summary>Resident and peak memory of a process, from /proc/&lt;pid&gt;/status.</summary>
internal static class ProcessMemory
{
    /// <summary>(VmRSS, VmHWM) in MiB, or nulls where /proc is not available.</summary>
    public static (double? ResidentMiB, double? PeakMiB) Read(int processId)
    {
        var path = $"/proc/{processId}/status";
        if (!File.Exists(path))
        {
            return (null, null);
        }

        double? resident = null, peak = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kibibytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kibibytes(line) / 1024.0;
            }
        }

        return (resident, peak);
    }

    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace BenchSupport;

/// <summary>Resident (VmRSS) and peak resident (VmHWM) memory of a process from /proc, and a reset of the peak.</summary>
public static class ProcessMemory
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

    /// <summary>Resets VmHWM of this process to its current RSS (writes 5 to /proc/self/clear_refs); false where not allowed.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

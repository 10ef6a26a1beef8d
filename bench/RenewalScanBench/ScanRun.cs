using CertFunctions.Core.Renewal;

namespace RenewalScanBench;

/// <summary>One timed ScanAsync: its report, what it cost and how much memory the scanning process used.</summary>
/// <param name="Elapsed">Wall time of ScanAsync.</param>
/// <param name="Cpu">CPU time (user + system, all threads) of the scanning process during the scan.</param>
/// <param name="Report">The scan's own report.</param>
/// <param name="DistinctStarts">Instance ids the counting gateway was asked to start.</param>
/// <param name="BaselineRssMiB">Process RSS right before the scan (after a full GC).</param>
/// <param name="PeakRssMiB">Process VmHWM during the scan (VmHWM reset right before it).</param>
/// <param name="PeakHeapMiB">Largest GC.GetTotalMemory(false) sampled every 5 ms during the scan.</param>
/// <param name="AllocatedMiB">GC.GetTotalAllocatedBytes delta over the scan.</param>
/// <param name="ApiRequests">Requests the emulator served during the scan (its audit), by verb and resource.</param>
internal sealed record ScanRun(
    TimeSpan Elapsed,
    TimeSpan Cpu,
    RenewalScanReport Report,
    int DistinctStarts,
    double BaselineRssMiB,
    double PeakRssMiB,
    double PeakHeapMiB,
    double AllocatedMiB,
    IReadOnlyDictionary<string, int> ApiRequests);

using CertFunctions.Testing.Kubernetes;

namespace RenewalScanBench;

/// <summary>The shared emulator fixture, started with the benchmark's seed file and quiet logging.</summary>
internal sealed class ScanEmulator(string seedPath)
    : KubeApiEmulatorFixture(new KubeApiEmulatorOptions { SeedPaths = [seedPath], Verbose = false });

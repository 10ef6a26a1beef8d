using CertFunctions.Testing.Kubernetes;

namespace BenchSupport;

/// <summary>The shared emulator fixture, started with a benchmark's seed file and quiet logging.</summary>
public sealed class SeededEmulator(string seedPath)
    : KubeApiEmulatorFixture(new KubeApiEmulatorOptions { SeedPaths = [seedPath], Verbose = false });

using CertFunctions.Testing.Kubernetes;

namespace CertFunctions.Testing.LocalWorld;

/// <summary>The Kubernetes API emulator with its routing front on the CA's validation port.</summary>
internal sealed class LocalWorldEmulator(int frontPort, IList<string> seedPaths)
    : KubeApiEmulatorFixture(new KubeApiEmulatorOptions { FrontPort = frontPort, SeedPaths = seedPaths });

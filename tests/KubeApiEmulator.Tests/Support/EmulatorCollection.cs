using CertFunctions.Testing.Kubernetes;

namespace KubeApiEmulator.Tests.Support;

/// <summary>One emulator shared by the integration tests of this project.</summary>
[CollectionDefinition(KubeApiEmulatorCollection.Name)]
public sealed class EmulatorCollection : KubeApiEmulatorCollection;

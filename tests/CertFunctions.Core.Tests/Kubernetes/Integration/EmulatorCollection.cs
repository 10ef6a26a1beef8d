using CertFunctions.Testing.Kubernetes;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

/// <summary>The test classes that share one Kubernetes API emulator process.</summary>
[CollectionDefinition(KubeApiEmulatorCollection.Name)]
public sealed class EmulatorCollection : KubeApiEmulatorCollection;

namespace CertFunctions.Testing.Kubernetes;

/// <summary>
/// Base of the xunit collection that shares one emulator. xunit only finds collection definitions in the test
/// assembly itself, so each test project declares:
/// <c>[CollectionDefinition(KubeApiEmulatorCollection.Name)] public sealed class EmulatorCollection : KubeApiEmulatorCollection;</c>
/// and marks its classes <c>[Collection(KubeApiEmulatorCollection.Name)]</c>.
/// </summary>
public abstract class KubeApiEmulatorCollection : ICollectionFixture<KubeApiEmulatorFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "KubeApiEmulator";
}

using System.Diagnostics.CodeAnalysis;

namespace CertFunctions.Testing.Pebble;

/// <summary>Shares one default Pebble among the tests of a collection (compiled into each test project).</summary>
[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit collection definition.")]
public sealed class PebbleCollection : ICollectionFixture<PebbleFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Pebble";
}

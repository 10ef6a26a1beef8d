namespace CertFunctions.Testing.Storage;

/// <summary>Shares one Azurite among the tests of a collection.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Azurite";
}

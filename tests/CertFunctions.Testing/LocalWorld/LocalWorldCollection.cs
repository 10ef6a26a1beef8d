namespace CertFunctions.Testing.LocalWorld;

/// <summary>Shares one local world among the end-to-end tests.</summary>
[CollectionDefinition(Name)]
public sealed class LocalWorldCollection : ICollectionFixture<LocalWorldFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "LocalWorld";
}

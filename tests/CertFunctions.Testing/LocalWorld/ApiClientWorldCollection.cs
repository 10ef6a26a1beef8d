namespace CertFunctions.Testing.LocalWorld;

/// <summary>Shares one <see cref="ApiClientWorldFixture"/> among the tests of a client of the API.</summary>
[CollectionDefinition(Name)]
public sealed class ApiClientWorldCollection : ICollectionFixture<ApiClientWorldFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "ApiClientWorld";
}

namespace CertFunctions.Tests.Startup;

/// <summary>Tests that change process environment variables run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "process environment";
}

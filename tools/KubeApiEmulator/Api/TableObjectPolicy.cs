namespace KubeApiEmulator.Api;

/// <summary>What each Table row carries in <c>object</c> (the includeObject query parameter).</summary>
internal enum TableObjectPolicy
{
    /// <summary>No object: rows hold cells only.</summary>
    None,

    /// <summary>A PartialObjectMetadata (the default).</summary>
    Metadata,

    /// <summary>The whole object.</summary>
    Object,
}

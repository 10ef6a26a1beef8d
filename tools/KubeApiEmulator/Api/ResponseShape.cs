namespace KubeApiEmulator.Api;

/// <summary>What a read answers with, chosen from the Accept header: the object itself, a Table, or metadata only.</summary>
internal enum ResponseShape
{
    /// <summary>The object or list as stored.</summary>
    Object,

    /// <summary>A meta.k8s.io Table (server-side printing).</summary>
    Table,

    /// <summary>A meta.k8s.io/v1 PartialObjectMetadata (one object, or one per watch event).</summary>
    PartialObjectMetadata,

    /// <summary>A meta.k8s.io/v1 PartialObjectMetadataList.</summary>
    PartialObjectMetadataList,
}

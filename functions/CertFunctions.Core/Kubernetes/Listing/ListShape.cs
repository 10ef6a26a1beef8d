namespace CertFunctions.Core.Kubernetes.Listing;

/// <summary>What a list call asks the API server for.</summary>
public enum ListShape
{
    /// <summary>Each item's metadata only (<c>PartialObjectMetadataList</c>): no spec, data or status to send and parse.</summary>
    Metadata,

    /// <summary>The whole objects, where the caller needs their spec or data.</summary>
    Full,
}

using System.Globalization;
using CertFunctions.Core.Kubernetes.Annotations;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Listing;

/// <summary>What a metadata-only list says of one object: enough to tell whether it changed since the last run.</summary>
/// <param name="Kind">The object's kind (Ingress, Gateway, Secret, HTTPRoute).</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="Version">metadata.generation for kinds whose spec matters (Ingress, Gateway), uid/resourceVersion otherwise (Secrets: any change).</param>
/// <param name="OptedIn">True when it carries our opt-in annotation (always true for a Secret, listed by our label).</param>
/// <param name="Labels">Its labels.</param>
public sealed record ObjectMetadata(string Kind, string Namespace, string Name, string Uid, string Version, bool OptedIn, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>"namespace/name".</summary>
    public string Key => Namespace + "/" + Name;

    /// <summary>The metadata of <paramref name="metadata"/>, an object of <paramref name="kind"/>.</summary>
    public static ObjectMetadata From(ListedKind kind, V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(metadata);
        var version = kind.VersionIsGeneration
            ? (metadata.Generation ?? 0).ToString(CultureInfo.InvariantCulture)
            : metadata.Uid + "/" + metadata.ResourceVersion;
        return new ObjectMetadata(
            kind.Kind,
            metadata.NamespaceProperty,
            metadata.Name,
            metadata.Uid,
            version,
            !kind.VersionIsGeneration || IngressAnnotationParser.IsOptedIn(metadata.Annotations),
            metadata.Labels?.AsReadOnly() ?? (IReadOnlyDictionary<string, string>)EmptyLabels);
    }

    private static readonly Dictionary<string, string> EmptyLabels = new(StringComparer.Ordinal);
}

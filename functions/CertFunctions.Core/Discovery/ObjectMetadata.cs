namespace CertFunctions.Core.Discovery;

/// <summary>What a metadata-only list says of one object: enough to tell whether it changed since the last run.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="Version">metadata.generation for Ingresses (spec changes), metadata.resourceVersion for Secrets (any change).</param>
/// <param name="OptedIn">True for an Ingress that opts in (Secrets: always true).</param>
public sealed record ObjectMetadata(string Namespace, string Name, string Uid, string Version, bool OptedIn);

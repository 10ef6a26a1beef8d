namespace CertFunctions.Testing.Kubernetes;

/// <summary>One API request the emulator served, as RBAC names it.</summary>
/// <param name="Verb">get, list, watch, create, update, patch, delete or deletecollection.</param>
/// <param name="Group">The API group ("" for core).</param>
/// <param name="Resource">The resource, e.g. "ingresses".</param>
/// <param name="Subresource">The subresource, e.g. "status", or "".</param>
/// <param name="Namespace">The namespace, or "" for cluster-scoped and all-namespaces requests.</param>
/// <param name="Name">The object name, or "" for collection requests.</param>
/// <param name="Code">The HTTP status code returned.</param>
public sealed record KubeAuditEntry(string Verb, string Group, string Resource, string Subresource, string Namespace, string Name, int Code);

namespace KubeApiEmulator.Admin;

/// <summary>One API request as RBAC sees it: verb on group/resource/subresource in a namespace.</summary>
internal sealed record AuditEntry(string Verb, string Group, string Resource, string Subresource, string Namespace, string Name, int Code);

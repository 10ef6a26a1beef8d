namespace CertFunctions.Core.Kubernetes.GitOps;

/// <summary>The field managers GitOps recognition treats as not being a GitOps controller.</summary>
public static class FieldManagers
{
    /// <summary>The fieldManager CertFunctions sends when it edits a user's object.</summary>
    public const string CertFunctions = "certfunctions";

    /// <summary>True for our own manager and kubectl's (<c>kubectl</c>, <c>kubectl-client-side-apply</c>, <c>kubectl-edit</c>, ...): people, not controllers.</summary>
    public static bool IsOursOrKubectl(string? manager) =>
        string.IsNullOrEmpty(manager)
        || manager == CertFunctions
        || manager == "kubectl"
        || manager.StartsWith("kubectl-", StringComparison.Ordinal);
}

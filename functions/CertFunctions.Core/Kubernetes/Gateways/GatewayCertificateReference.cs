namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>One entry of a listener's <c>tls.certificateRefs</c>.</summary>
/// <param name="Group">API group ("" for core).</param>
/// <param name="Kind">Kind (Secret when absent).</param>
/// <param name="Namespace">Namespace (the Gateway's when absent).</param>
/// <param name="Name">Name.</param>
public sealed record GatewayCertificateReference(string Group, string Kind, string Namespace, string Name)
{
    /// <summary>True for a core Secret, the only kind we write.</summary>
    public bool IsSecret => Group.Length == 0 && Kind == "Secret";
}

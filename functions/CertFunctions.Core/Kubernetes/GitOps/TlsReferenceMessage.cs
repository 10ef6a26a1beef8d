using System.Text;

namespace CertFunctions.Core.Kubernetes.GitOps;

/// <summary>The Event text that asks for the spec.tls entry in Git, with the exact YAML to add.</summary>
public static class TlsReferenceMessage
{
    /// <summary>The message for a GitOps-managed object whose spec.tls does not list <paramref name="secretName"/> for <paramref name="hosts"/>.</summary>
    public static string For(GitOpsManagement gitOps, IReadOnlyList<string> hosts, string secretName)
    {
        ArgumentNullException.ThrowIfNull(gitOps);
        ArgumentNullException.ThrowIfNull(hosts);
        var text = new StringBuilder()
            .Append("The certificate is in Secret ").Append(secretName).Append(", but spec.tls does not list it, and this Ingress is managed by ")
            .Append(gitOps.Description).Append(", so CertFunctions does not write spec.tls (the controller would put it back). Add this to the Ingress in Git:\n")
            .Append("spec:\n  tls:\n  - hosts:\n");
        foreach (var host in hosts)
        {
            text.Append("    - ").Append(host).Append('\n');
        }

        return text.Append("    secretName: ").Append(secretName).ToString();
    }
}

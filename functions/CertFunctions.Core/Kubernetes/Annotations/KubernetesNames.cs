using System.Text.RegularExpressions;

namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>Kubernetes object-name rules (RFC 1123 subdomains and labels).</summary>
public static partial class KubernetesNames
{
    /// <summary>True for a valid DNS-1123 subdomain: lowercase alphanumerics, '-' and '.', at most 253 characters.</summary>
    public static bool IsDnsSubdomain(string name) => name.Length <= 253 && SubdomainPattern().IsMatch(name);

    /// <summary>True for a valid DNS-1123 label: lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63 (namespaces, issuer names).</summary>
    public static bool IsDnsLabel(string name) => name.Length <= 63 && LabelPattern().IsMatch(name);

    /// <summary>Shortens <paramref name="name"/> to <paramref name="maxLength"/> characters, ending on an alphanumeric.</summary>
    public static string Truncate(string name, int maxLength) =>
        name.Length <= maxLength ? name : name[..maxLength].TrimEnd('-', '.');

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();
}

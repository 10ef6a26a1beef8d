using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>The object (an Ingress or a Gateway) whose issuance owns a Secret, as recorded on the Secret.</summary>
/// <param name="Kind">Ingress or Gateway.</param>
/// <param name="Namespace">The object's namespace (a Gateway's Secret may live in another one).</param>
/// <param name="Name">The object's name.</param>
public sealed record SecretOwner(CertificateObjectKind Kind, string Namespace, string Name)
{
    /// <summary>The annotation recording the owner on the Secret: <c>Ingress/namespace/name</c> or <c>Gateway/namespace/name</c>.</summary>
    public const string Annotation = CertFunctionsAnnotations.Prefix + "owner";

    /// <summary>The owner a write for <paramref name="certificate"/> records.</summary>
    public static SecretOwner Of(CertificateRef certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new SecretOwner(certificate.Kind, certificate.Namespace, certificate.Name);
    }

    /// <summary>
    /// The owner recorded on a Secret of ours in <paramref name="secretNamespace"/>: the owner annotation, or for a Secret
    /// written before it existed, the Ingress or Gateway label (naming an object of the Secret's namespace); null when none.
    /// </summary>
    public static SecretOwner? Recorded(string secretNamespace, IDictionary<string, string>? labels, IDictionary<string, string>? annotations)
    {
        if (annotations is not null && annotations.TryGetValue(Annotation, out var text) && TryParse(text, out var owner))
        {
            return owner;
        }

        if (labels is not null && labels.TryGetValue(CertFunctionsLabels.Ingress, out var ingress) && !string.IsNullOrEmpty(ingress))
        {
            return new SecretOwner(CertificateObjectKind.Ingress, secretNamespace, ingress);
        }

        return labels is not null && labels.TryGetValue(Routing.HttpRoutes.SolverHttpRouteBuilder.GatewayLabel, out var gateway) && !string.IsNullOrEmpty(gateway)
            ? new SecretOwner(CertificateObjectKind.Gateway, secretNamespace, gateway)
            : null;
    }

    /// <summary>Parses the annotation's value; false for anything else.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SecretOwner? owner)
    {
        owner = null;
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 3 || !Enum.TryParse<CertificateObjectKind>(parts[0], ignoreCase: false, out var kind) || !Enum.IsDefined(kind)
            || !KubernetesNames.IsDnsLabel(parts[1]) || !KubernetesNames.IsDnsSubdomain(parts[2]))
        {
            return false;
        }

        owner = new SecretOwner(kind, parts[1], parts[2]);
        return true;
    }

    /// <summary>True when <paramref name="certificate"/> is this owner (any of its Secrets, for a Gateway).</summary>
    public bool Is(CertificateRef certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Kind == certificate.Kind && string.Equals(Namespace, certificate.Namespace, StringComparison.Ordinal) && string.Equals(Name, certificate.Name, StringComparison.Ordinal);
    }

    /// <summary>The annotation's value.</summary>
    public string Format() => $"{Kind}/{Namespace}/{Name}";

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}

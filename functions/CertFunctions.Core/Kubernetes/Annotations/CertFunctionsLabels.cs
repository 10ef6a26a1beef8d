namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>Labels on every object CertFunctions creates, used to find them again.</summary>
public static class CertFunctionsLabels
{
    /// <summary>Standard label naming the manager of an object.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>Our value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "certfunctions";

    /// <summary>The label selector of every object we manage.</summary>
    public const string ManagedSelector = ManagedBy + "=" + ManagedByValue;

    /// <summary>The Ingress an object was created for (see <see cref="LabelValue.ForName"/> for long names).</summary>
    public const string Ingress = CertFunctionsAnnotations.Prefix + "ingress";

    /// <summary>"true" on temporary challenge objects (solver Ingresses).</summary>
    public const string Challenge = CertFunctionsAnnotations.Prefix + "challenge";

    /// <summary>True when <paramref name="labels"/> carry our managed-by label.</summary>
    public static bool IsManagedByUs(IDictionary<string, string>? labels) =>
        labels is not null
        && labels.TryGetValue(ManagedBy, out var value)
        && string.Equals(value, ManagedByValue, StringComparison.Ordinal);
}

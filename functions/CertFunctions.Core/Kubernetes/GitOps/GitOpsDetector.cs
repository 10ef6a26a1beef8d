using System.Text.Json;
using CertFunctions.Core.Kubernetes.Annotations;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.GitOps;

/// <summary>
/// Recognises an object a GitOps controller keeps equal to Git, from its metadata only, so it works for every kind
/// (Ingress, Gateway): Argo CD's tracking annotation or instance label, Flux's kustomize/helm toolkit labels, or a
/// server-side apply manager other than ours and kubectl's that owns the object's routing field. The user's
/// <c>certfunctions.io/gitops</c> annotation overrides the guess either way.
/// </summary>
public static class GitOpsDetector
{
    /// <summary>Argo CD's annotation tracking (default from Argo CD 3).</summary>
    public const string ArgoTrackingAnnotation = "argocd.argoproj.io/tracking-id";

    /// <summary>Argo CD's label tracking (the default before Argo CD 3).</summary>
    public const string ArgoInstanceLabel = "app.kubernetes.io/instance";

    /// <summary>Prefix of the labels Flux's kustomize-controller sets on what it applies.</summary>
    public const string FluxKustomizePrefix = "kustomize.toolkit.fluxcd.io/";

    /// <summary>Prefix of the labels Flux's helm-controller sets on what it installs.</summary>
    public const string FluxHelmPrefix = "helm.toolkit.fluxcd.io/";

    /// <summary>The GitOps management of an object, or null when none is recognised.</summary>
    /// <param name="metadata">The object's metadata (labels, annotations, managedFields).</param>
    /// <param name="routingField">The field our in-place routing would edit, as names: <c>["spec", "rules"]</c> for an Ingress.</param>
    /// <exception cref="Errors.InvalidIngressConfigurationException">Never: a bad override value is reported by the annotation parser.</exception>
    public static GitOpsManagement? Detect(V1ObjectMeta? metadata, IReadOnlyList<string> routingField)
    {
        ArgumentNullException.ThrowIfNull(routingField);
        var annotations = metadata?.Annotations ?? new Dictionary<string, string>();
        var labels = metadata?.Labels ?? new Dictionary<string, string>();
        if (annotations.TryGetValue(CertFunctionsAnnotations.GitOps, out var declared))
        {
            if (string.Equals(declared.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (string.Equals(declared.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return new GitOpsManagement(GitOpsController.Declared, $"annotation {CertFunctionsAnnotations.GitOps}: \"true\"");
            }
        }

        if (annotations.ContainsKey(ArgoTrackingAnnotation))
        {
            return new GitOpsManagement(GitOpsController.ArgoCd, "annotation " + ArgoTrackingAnnotation);
        }

        if (labels.Keys.Order(StringComparer.Ordinal).FirstOrDefault(k => k.StartsWith(FluxKustomizePrefix, StringComparison.Ordinal) || k.StartsWith(FluxHelmPrefix, StringComparison.Ordinal)) is { } flux)
        {
            return new GitOpsManagement(GitOpsController.Flux, "label " + flux);
        }

        if (labels.ContainsKey(ArgoInstanceLabel))
        {
            return new GitOpsManagement(GitOpsController.ArgoCd, "label " + ArgoInstanceLabel);
        }

        // Only an Apply entry declares that its manager wants the field to stay as it says; an Update entry is a one-off write.
        foreach (var entry in metadata?.ManagedFields ?? [])
        {
            if (entry.Operation == "Apply" && !FieldManagers.IsOursOrKubectl(entry.Manager) && Owns(entry.FieldsV1, routingField))
            {
                return new GitOpsManagement(GitOpsController.FieldManager, $"field manager \"{entry.Manager}\" owns {string.Join('.', routingField)}");
            }
        }

        return null;
    }

    private static bool Owns(object? fieldsV1, IReadOnlyList<string> path)
    {
        var element = fieldsV1 switch
        {
            JsonElement json => json,
            null => default,
            _ => JsonSerializer.SerializeToElement(fieldsV1),
        };
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("f:" + name, out element))
            {
                return false;
            }
        }

        return true;
    }
}

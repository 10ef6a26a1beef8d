using System.Text.Json.Serialization;

namespace CertFunctions.Core.Kubernetes.GitOps;

/// <summary>Which kind of GitOps controller manages an object.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GitOpsController>))]
public enum GitOpsController
{
    /// <summary>Argo CD (tracking annotation or instance label).</summary>
    ArgoCd,

    /// <summary>Flux (kustomize-controller or helm-controller labels).</summary>
    Flux,

    /// <summary>Another controller that owns the routing field through server-side apply.</summary>
    FieldManager,

    /// <summary>The user said so with the <c>certfunctions.io/gitops: "true"</c> annotation.</summary>
    Declared,
}

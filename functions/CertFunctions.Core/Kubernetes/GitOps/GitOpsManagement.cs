namespace CertFunctions.Core.Kubernetes.GitOps;

/// <summary>Why an object is taken to be managed by a GitOps controller.</summary>
/// <param name="Controller">The kind of controller.</param>
/// <param name="Evidence">What showed it, for people: <c>label kustomize.toolkit.fluxcd.io/name</c>, <c>field manager "argocd-controller" owns spec.rules</c>.</param>
public sealed record GitOpsManagement(GitOpsController Controller, string Evidence)
{
    /// <summary>"Flux (label kustomize.toolkit.fluxcd.io/name)".</summary>
    public string Description => Controller switch
    {
        GitOpsController.ArgoCd => "Argo CD",
        GitOpsController.Flux => "Flux",
        GitOpsController.FieldManager => "a GitOps controller",
        _ => "GitOps",
    } + $" ({Evidence})";
}

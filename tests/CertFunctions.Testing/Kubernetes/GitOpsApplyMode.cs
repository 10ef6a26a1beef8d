namespace CertFunctions.Testing.Kubernetes;

/// <summary>How a <see cref="GitOpsReconciler"/> puts the Git manifest back, as the real controllers do.</summary>
public enum GitOpsApplyMode
{
    /// <summary><c>kubectl apply --server-side --force-conflicts --field-manager kustomize-controller</c>, as Flux does.</summary>
    ServerSideForce,

    /// <summary>Client-side <c>kubectl apply</c> (last-applied annotation, three-way strategic merge patch), as Argo CD does by default.</summary>
    ClientSide,
}

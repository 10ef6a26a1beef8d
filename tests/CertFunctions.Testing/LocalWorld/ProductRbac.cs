namespace CertFunctions.Testing.LocalWorld;

/// <summary>The identity the local world's product runs as in the emulator.</summary>
public enum ProductRbac
{
    /// <summary>The service account bound by infra/k8s/rbac.yaml (cluster-wide).</summary>
    ClusterWide,

    /// <summary>
    /// The service account bound by infra/k8s/rbac-namespaced.yaml: Ingress reads cluster-wide; everything else only in
    /// the namespaces a test binds with <see cref="LocalWorld.GrantNamespaceAsync"/>.
    /// </summary>
    Namespaced,

    /// <summary>The emulator's admin (system:masters), for tests about something other than permissions.</summary>
    Admin,
}

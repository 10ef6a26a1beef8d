namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>The x-kubernetes-list-type of a list field: how server-side apply owns and merges it.</summary>
internal enum ListType
{
    /// <summary>Owned and replaced as a whole (the default, and Ingress spec.rules, spec.tls, http.paths).</summary>
    Atomic,

    /// <summary>A list of objects identified by key fields (x-kubernetes-list-map-keys); each item owned on its own.</summary>
    Map,

    /// <summary>A list of distinct scalars; each value owned on its own.</summary>
    Set,
}

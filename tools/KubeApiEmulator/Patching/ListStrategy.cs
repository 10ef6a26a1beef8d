namespace KubeApiEmulator.Patching;

/// <summary>How a strategic merge patch treats one list field (x-kubernetes-patch-strategy / patch-merge-key).</summary>
/// <param name="MergeKey">The key identifying elements of a list of objects; null for a list of primitives.</param>
internal sealed record ListStrategy(string? MergeKey);

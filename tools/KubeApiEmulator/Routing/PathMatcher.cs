namespace KubeApiEmulator.Routing;

/// <summary>Path matching per pathType: Exact, Prefix by path element, ImplementationSpecific as a plain prefix (as ingress-nginx does).</summary>
internal static class PathMatcher
{
    /// <summary>True when <paramref name="requestPath"/> matches the rule path.</summary>
    public static bool Matches(string pathType, string rulePath, string requestPath)
    {
        switch (pathType)
        {
            case "Exact":
                return requestPath == rulePath;
            case "Prefix":
                {
                    var prefix = rulePath.TrimEnd('/');
                    return prefix.Length == 0 || requestPath == prefix || requestPath.StartsWith(prefix + "/", StringComparison.Ordinal);
                }

            default:
                return rulePath.Length == 0 || requestPath.StartsWith(rulePath, StringComparison.Ordinal);
        }
    }

    /// <summary>Chooses among matching paths: Exact first, then the longest path, then the oldest Ingress.</summary>
    public static IngressPath? Best(IEnumerable<IngressPath> candidates, string requestPath) =>
        candidates
            .Where(p => Matches(p.PathType, p.Path, requestPath))
            .OrderByDescending(p => p.PathType == "Exact")
            .ThenByDescending(p => p.Path.Length)
            .ThenBy(p => p.PathType == "ImplementationSpecific")
            .ThenBy(p => p.CreationTimestamp, StringComparer.Ordinal)
            .ThenBy(p => p.Namespace + "/" + p.IngressName, StringComparer.Ordinal)
            .FirstOrDefault();
}

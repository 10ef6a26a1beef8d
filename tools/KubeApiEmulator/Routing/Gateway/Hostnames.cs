namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Gateway API hostname rules: a leading "*." label matches one or more labels, never the bare suffix.</summary>
internal static class Hostnames
{
    /// <summary>True when the request host <paramref name="host"/> matches <paramref name="pattern"/> (exact or wildcard; empty matches all).</summary>
    public static bool Matches(string? pattern, string host)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return true;
        }

        return pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.Length > pattern.Length - 1 && host.EndsWith(pattern[1..], StringComparison.Ordinal)
            : host == pattern;
    }

    /// <summary>True when a listener hostname and a route hostname have a host in common.</summary>
    public static bool Intersect(string? listener, string route)
    {
        if (string.IsNullOrEmpty(listener))
        {
            return true;
        }

        var listenerWild = listener.StartsWith("*.", StringComparison.Ordinal);
        var routeWild = route.StartsWith("*.", StringComparison.Ordinal);
        return (listenerWild, routeWild) switch
        {
            (false, false) => listener == route,
            (true, false) => Matches(listener, route),
            (false, true) => Matches(route, listener),
            _ => listener.EndsWith(route[1..], StringComparison.Ordinal) || route.EndsWith(listener[1..], StringComparison.Ordinal),
        };
    }

    /// <summary>How specifically <paramref name="pattern"/> names a host: exact names first, then longer wildcards, then none.</summary>
    public static (int NonWildcard, int Length) Specificity(string? pattern) =>
        string.IsNullOrEmpty(pattern) ? (0, 0)
        : pattern.StartsWith("*.", StringComparison.Ordinal) ? (0, pattern.Length)
        : (pattern.Length, pattern.Length);
}

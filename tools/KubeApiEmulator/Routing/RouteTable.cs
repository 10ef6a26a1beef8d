using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing;

/// <summary>The Ingress paths grouped by host: exact hosts, wildcard hosts (by the suffix after "*."), and rules without a host.</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, List<IngressPath>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IngressPath>> _wildcard = new(StringComparer.Ordinal);
    private readonly List<IngressPath> _anyHost = [];
    private readonly List<IngressPath> _defaultBackends = [];

    /// <summary>Builds the table from Ingress objects.</summary>
    public static RouteTable Build(IEnumerable<JsonObject> ingresses)
    {
        var table = new RouteTable();
        foreach (var ingress in ingresses)
        {
            var ns = ingress.GetString("metadata", "namespace") ?? string.Empty;
            var name = ingress.GetString("metadata", "name") ?? string.Empty;
            var created = ingress.GetString("metadata", "creationTimestamp") ?? string.Empty;
            var annotations = ingress.Get("metadata", "annotations").StringMap();
            if (ingress.Get("spec", "defaultBackend") is JsonObject defaultBackend)
            {
                table._defaultBackends.Add(new IngressPath(ns, name, created, "Prefix", "/", defaultBackend, annotations));
            }

            foreach (var rule in (ingress.Get("spec", "rules") as JsonArray ?? []).OfType<JsonObject>())
            {
                var host = (rule.GetString("host") ?? string.Empty).ToLowerInvariant();
                var target = host.Length == 0 ? table._anyHost
                    : host.StartsWith("*.", StringComparison.Ordinal) ? Bucket(table._wildcard, host[2..])
                    : Bucket(table._exact, host);
                foreach (var path in (rule.Get("http", "paths") as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (path["backend"] is JsonObject backend)
                    {
                        target.Add(new IngressPath(ns, name, created, path.GetString("pathType") ?? "ImplementationSpecific", path.GetString("path") ?? string.Empty, backend, annotations));
                    }
                }
            }
        }

        return table;
    }

    /// <summary>The path that serves <paramref name="host"/> and <paramref name="path"/>, or null for the default backend.</summary>
    public IngressPath? Match(string host, string path)
    {
        host = host.ToLowerInvariant();
        if (_exact.TryGetValue(host, out var exact))
        {
            return PathMatcher.Best(exact, path);
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && _wildcard.TryGetValue(host[(dot + 1)..], out var wildcard))
        {
            return PathMatcher.Best(wildcard, path);
        }

        return PathMatcher.Best(_anyHost, path) ?? PathMatcher.Best(_defaultBackends, path);
    }

    private static List<IngressPath> Bucket(Dictionary<string, List<IngressPath>> buckets, string key)
    {
        if (!buckets.TryGetValue(key, out var list))
        {
            list = [];
            buckets[key] = list;
        }

        return list;
    }
}

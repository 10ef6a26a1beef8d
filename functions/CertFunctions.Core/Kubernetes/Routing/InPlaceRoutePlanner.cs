using System.Text.Json;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Patching;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Computes the JSON-patch operations that add or remove our challenge paths on a user's Ingress; pure.</summary>
public static class InPlaceRoutePlanner
{
    private static readonly JsonSerializerOptions TrackingJson = new(JsonSerializerDefaults.Web);
    private static readonly string TrackingPath = "/metadata/annotations/" + JsonPatch.Escape(CertFunctionsAnnotations.PresentedPaths);

    /// <summary>Adds, at the front of each rule serving one of <paramref name="hosts"/>, a path per token to the responder; returns every path now presented.</summary>
    public static IReadOnlyList<PresentedPath> PlanAdd(
        V1Ingress ingress,
        IReadOnlyList<string> hosts,
        IReadOnlyList<string> tokens,
        string serviceName,
        int servicePort,
        ChallengePathType pathType,
        JsonPatch patch)
    {
        if (ingress.Spec is null)
        {
            throw new InvalidIngressConfigurationException($"Ingress '{ingress.Metadata?.NamespaceProperty}/{ingress.Metadata?.Name}' has no spec.");
        }

        var paths = tokens.Select(ChallengePaths.For).ToList();
        var rules = ingress.Spec.Rules ?? [];
        var presented = new List<PresentedPath>();
        var editedRules = new HashSet<int>();
        var newRules = new List<V1IngressRule>();

        foreach (var host in hosts)
        {
            var matches = Enumerable.Range(0, rules.Count).Where(i => string.Equals(rules[i].Host, host, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                matches = Enumerable.Range(0, rules.Count).Where(i => string.IsNullOrEmpty(rules[i].Host)).ToList();
            }

            if (matches.Count == 0)
            {
                newRules.Add(new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue { Paths = paths.Select(p => NewPath(p, serviceName, servicePort, pathType)).ToList() },
                });
                presented.AddRange(paths.Select(p => new PresentedPath(host, p, serviceName, servicePort, AddedRule: true)));
                continue;
            }

            foreach (var index in matches.Where(editedRules.Add))
            {
                presented.AddRange(AddToRule(rules[index], index, paths, serviceName, servicePort, pathType, patch));
            }
        }

        if (newRules.Count > 0)
        {
            if (ingress.Spec.Rules is null)
            {
                patch.Add("/spec/rules", newRules);
            }
            else
            {
                foreach (var rule in newRules)
                {
                    patch.Add("/spec/rules/-", rule);
                }
            }
        }

        var tracked = ReadTracked(ingress);
        var merged = tracked.ToList();
        merged.AddRange(presented.Where(p => !tracked.Any(t => t.SameRouteAs(p))));
        if (merged.Count != tracked.Count)
        {
            WriteTracked(ingress, merged, patch);
        }

        return presented;
    }

    /// <summary>Removes exactly the given paths (matched by rule host, path and backend Service) and their tracking; returns those found and removed.</summary>
    public static IReadOnlyList<PresentedPath> PlanRemove(V1Ingress ingress, IReadOnlyCollection<PresentedPath> toRemove, JsonPatch patch)
    {
        var removed = new List<PresentedPath>();
        var rules = ingress.Spec?.Rules ?? [];
        var operations = new JsonPatch();
        var wholeRules = 0;
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            var rule = rules[i];
            var ruleHost = rule.Host ?? string.Empty;
            var entries = toRemove.Where(e => string.Equals(e.RuleHost, ruleHost, StringComparison.OrdinalIgnoreCase)).ToList();
            var rulePaths = rule.Http?.Paths ?? [];
            if (entries.Count == 0 || rulePaths.Count == 0)
            {
                continue;
            }

            var matches = Enumerable.Range(0, rulePaths.Count)
                .Where(j => entries.Any(e => e.Path == rulePaths[j].Path && e.ServiceName == rulePaths[j].Backend?.Service?.Name))
                .ToList();
            if (matches.Count == 0)
            {
                continue;
            }

            removed.AddRange(entries.Where(e => matches.Any(j => rulePaths[j].Path == e.Path)));
            if (matches.Count == rulePaths.Count && entries.Any(e => e.AddedRule))
            {
                operations.Remove($"/spec/rules/{i}");
                wholeRules++;
            }
            else if (matches.Count == rulePaths.Count)
            {
                operations.Remove($"/spec/rules/{i}/http");
            }
            else
            {
                foreach (var j in Enumerable.Reverse(matches))
                {
                    operations.Remove($"/spec/rules/{i}/http/paths/{j}");
                }
            }
        }

        if (wholeRules > 0 && wholeRules == rules.Count)
        {
            // Every rule was ours (the Ingress had only a default backend): leave no empty list behind.
            patch.Remove("/spec/rules");
        }
        else
        {
            patch.Append(operations);
        }

        var tracked = ReadTracked(ingress);
        var remaining = tracked.Where(t => !toRemove.Any(r => r.SameRouteAs(t))).ToList();
        if (remaining.Count != tracked.Count)
        {
            WriteTracked(ingress, remaining, patch);
        }

        return removed;
    }

    /// <summary>The paths the tracking annotation says we added (empty when absent or unreadable).</summary>
    public static IReadOnlyList<PresentedPath> ReadTracked(V1Ingress ingress)
    {
        if (ingress.Metadata?.Annotations is not { } annotations
            || !annotations.TryGetValue(CertFunctionsAnnotations.PresentedPaths, out var json)
            || string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<PresentedPath>>(json, TrackingJson) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void WriteTracked(V1Ingress ingress, List<PresentedPath> tracked, JsonPatch patch)
    {
        var annotations = ingress.Metadata?.Annotations;
        if (tracked.Count == 0)
        {
            if (annotations?.ContainsKey(CertFunctionsAnnotations.PresentedPaths) == true)
            {
                patch.Remove(TrackingPath);
            }

            return;
        }

        patch.SetEntry("/metadata/annotations", annotations, CertFunctionsAnnotations.PresentedPaths, JsonSerializer.Serialize(tracked, TrackingJson));
    }

    private static List<PresentedPath> AddToRule(
        V1IngressRule rule,
        int index,
        List<string> paths,
        string serviceName,
        int servicePort,
        ChallengePathType pathType,
        JsonPatch patch)
    {
        var ruleHost = rule.Host ?? string.Empty;
        var existing = rule.Http?.Paths ?? [];
        var missing = paths
            .Where(p => !existing.Any(e => e.Path == p && e.Backend?.Service?.Name == serviceName))
            .ToList();
        var addedHttp = rule.Http is null;
        if (rule.Http is null)
        {
            patch.Add($"/spec/rules/{index}/http", new V1HTTPIngressRuleValue { Paths = missing.Select(p => NewPath(p, serviceName, servicePort, pathType)).ToList() });
        }
        else if (rule.Http.Paths is null)
        {
            addedHttp = true;
            patch.Add($"/spec/rules/{index}/http/paths", missing.Select(p => NewPath(p, serviceName, servicePort, pathType)).ToList());
        }
        else
        {
            foreach (var path in Enumerable.Reverse(missing))
            {
                patch.Add($"/spec/rules/{index}/http/paths/0", NewPath(path, serviceName, servicePort, pathType));
            }
        }

        return paths.Select(p => new PresentedPath(ruleHost, p, serviceName, servicePort, AddedHttp: addedHttp)).ToList();
    }

    private static V1HTTPIngressPath NewPath(string path, string serviceName, int servicePort, ChallengePathType pathType) => new()
    {
        Path = path,
        PathType = ChallengePaths.PathTypeName(pathType),
        Backend = new V1IngressBackend
        {
            Service = new V1IngressServiceBackend { Name = serviceName, Port = new V1ServiceBackendPort { Number = servicePort } },
        },
    };
}

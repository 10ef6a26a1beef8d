using System.Text.Json.Nodes;

namespace KubeApiEmulator.Discovery;

/// <summary>
/// A minimal /openapi/v3: per group/version, the object paths with their PATCH operations tagged with
/// x-kubernetes-group-version-kind and the fieldValidation parameter. kubectl reads this to learn that the
/// server validates fields itself (so it sends fieldValidation=Strict instead of validating against a schema).
/// No schemas are published; kubectl then computes strategic merge patches from its built-in types.
/// </summary>
internal static class OpenApiDocuments
{
    /// <summary>/openapi/v3.</summary>
    public static JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var groupVersion in ResourceCatalog.All.Select(r => (r.Group, r.Version)).Distinct())
        {
            var key = RelativePath(groupVersion.Group, groupVersion.Version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = "/openapi/v3/" + key + "?hash=" + DiscoveryDocuments.GitVersion.Replace(".", string.Empty, StringComparison.Ordinal) };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>/openapi/v3/api/v1 or /openapi/v3/apis/{group}/{version}; null when not served.</summary>
    public static JsonObject? GroupVersion(string relativePath)
    {
        var match = ResourceCatalog.All.Where(r => RelativePath(r.Group, r.Version) == relativePath).ToList();
        if (match.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var type in match)
        {
            var itemPath = type.PathPrefix + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Plural + "/{name}";
            paths[itemPath] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = "patch" + type.Kind,
                    ["parameters"] = new JsonArray(
                        new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "fieldManager", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } },
                        new JsonObject { ["name"] = "dryRun", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static string RelativePath(string group, string version) => group.Length == 0 ? "api/" + version : "apis/" + group + "/" + version;
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Discovery;

/// <summary>The legacy discovery documents: /version, /api, /apis, /apis/{group} and the resource lists.</summary>
internal static class DiscoveryDocuments
{
    /// <summary>The Kubernetes version this emulator reports (the minor of the kubectl on the machine image).</summary>
    public const string GitVersion = "v1.32.0";

    /// <summary>/version.</summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    /// <summary>/api.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>/apis.</summary>
    public static JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var group in ResourceCatalog.Groups)
        {
            groups.Add(Group(group));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>/apis/{group}, or null when the group is not served.</summary>
    public static JsonObject? GroupDocument(string group)
    {
        if (!ResourceCatalog.Groups.Contains(group))
        {
            return null;
        }

        var document = Group(group);
        document["kind"] = "APIGroup";
        document["apiVersion"] = "v1";
        return document;
    }

    /// <summary>/api/v1 or /apis/{group}/{version}, or null when not served.</summary>
    public static JsonObject? ResourceList(string group, string version)
    {
        if (!ResourceCatalog.ServesGroupVersion(group, version))
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in ResourceCatalog.All.Where(r => r.Group == group && r.Version == version))
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray([.. ResourceVerbs.For(type).Select(v => (JsonNode)v)]),
            };
            if (type.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. type.ShortNames.Select(s => (JsonNode)s)]);
            }

            if (type.Kind == "Service")
            {
                entry["categories"] = new JsonArray("all");
            }
            else if (type.Categories is { Count: > 0 } categories)
            {
                entry["categories"] = new JsonArray([.. categories.Select(c => (JsonNode)c)]);
            }

            entry["storageVersionHash"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(type.ApiVersion + "/" + type.Kind)).AsSpan(0, 8));
            resources.Add(entry);
            foreach (var subresource in type.Subresources)
            {
                var subresourceEntry = new JsonObject
                {
                    ["name"] = type.Plural + "/" + subresource,
                    ["singularName"] = string.Empty,
                    ["namespaced"] = type.Namespaced,
                };
                if (subresource == "token")
                {
                    // serviceaccounts/token takes and returns an authentication.k8s.io/v1 TokenRequest.
                    subresourceEntry["group"] = "authentication.k8s.io";
                    subresourceEntry["version"] = "v1";
                }

                subresourceEntry["kind"] = subresource == "token" ? "TokenRequest" : type.Kind;
                subresourceEntry["verbs"] = new JsonArray([.. ResourceVerbs.ForSubresource(subresource).Select(v => (JsonNode)v)]);
                resources.Add(subresourceEntry);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string group)
    {
        var versions = ResourceCatalog.All.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
        var versionArray = new JsonArray();
        foreach (var version in versions)
        {
            versionArray.Add(new JsonObject { ["groupVersion"] = group + "/" + version, ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = versionArray,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = group + "/" + versions[0], ["version"] = versions[0] },
        };
    }
}

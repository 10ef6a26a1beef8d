using System.Text.Json.Nodes;
using KubeApiEmulator.Api;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Seeding;

/// <summary>Creates the built-in namespaces and the objects of the --seed files at start.</summary>
internal sealed class Seeder(ObjectOperations operations)
{
    private static readonly string[] BuiltInNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Creates the namespaces and the bootstrap RBAC policy every cluster has.</summary>
    public void CreateBuiltIns()
    {
        foreach (var name in BuiltInNamespaces)
        {
            operations.Create(ResourceCatalog.Namespaces, string.Empty, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, RequestOptions.Internal());
        }

        foreach (var role in Security.RbacBootstrap.ClusterRoles())
        {
            operations.Create(AccessResources.ClusterRoles, string.Empty, role, RequestOptions.Internal());
        }

        foreach (var binding in Security.RbacBootstrap.ClusterRoleBindings())
        {
            operations.Create(AccessResources.ClusterRoleBindings, string.Empty, binding, RequestOptions.Internal());
        }
    }

    /// <summary>Loads every YAML document of the files (folders: *.yaml, *.yml, *.json in name order); namespaces first.</summary>
    /// <exception cref="InvalidOperationException">A document is not a served kind or is rejected; the message names the file.</exception>
    public int Load(IEnumerable<string> paths)
    {
        var documents = new List<(string Source, JsonObject Object)>();
        foreach (var file in paths.SelectMany(Expand))
        {
            List<JsonNode> parsed;
            try
            {
                parsed = YamlToJson.ReadDocuments(File.ReadAllText(file));
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new InvalidOperationException($"{file}: not valid YAML: {ex.Message}", ex);
            }

            for (var i = 0; i < parsed.Count; i++)
            {
                var source = $"{file} (document {i + 1})";
                if (parsed[i] is not JsonObject obj)
                {
                    throw new InvalidOperationException($"{source}: not an object");
                }

                if (obj.GetString("kind") is "List" && obj["items"] is JsonArray items)
                {
                    documents.AddRange(items.OfType<JsonObject>().Select(item => (source, (JsonObject)item.DeepClone())));
                }
                else
                {
                    documents.Add((source, obj));
                }
            }
        }

        var ordered = documents.OrderBy(d => d.Object.GetString("kind") == "Namespace" ? 0 : 1).ToList();
        foreach (var (source, obj) in ordered)
        {
            var type = ResourceCatalog.FindByKind(obj.GetString("apiVersion") ?? string.Empty, obj.GetString("kind") ?? string.Empty)
                ?? throw new InvalidOperationException($"{source}: {obj.GetString("apiVersion")} {obj.GetString("kind")} is not served by the emulator");
            var ns = type.Namespaced ? obj.GetString("metadata", "namespace") ?? "default" : string.Empty;
            try
            {
                if (type.Namespaced)
                {
                    EnsureNamespace(ns);
                }

                operations.Create(type, ns, obj, RequestOptions.Internal());
            }
            catch (StatusException ex)
            {
                throw new InvalidOperationException($"{source}: {ex.Message}", ex);
            }
        }

        return ordered.Count;
    }

    private void EnsureNamespace(string ns)
    {
        bool exists;
        lock (operations.Store.Gate)
        {
            exists = operations.Store.Get(ResourceCatalog.Namespaces.StorageName, StorageKeys.For(null, ns)) is not null;
        }

        if (!exists)
        {
            operations.Create(ResourceCatalog.Namespaces, string.Empty, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, RequestOptions.Internal());
        }
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : [path];
}

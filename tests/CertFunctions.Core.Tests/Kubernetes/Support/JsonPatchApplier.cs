using System.Text.Json.Nodes;
using CertFunctions.Core.Kubernetes.Patching;
using k8s;

namespace CertFunctions.Core.Tests.Kubernetes.Support;

/// <summary>A small RFC 6902 applier (add, remove, replace, test) to check planned patches without a server.</summary>
internal static class JsonPatchApplier
{
    public static T Apply<T>(T target, JsonPatch patch)
    {
        var document = JsonNode.Parse(KubernetesJson.Serialize(target))!;
        foreach (var operation in JsonNode.Parse(patch.ToString())!.AsArray())
        {
            var op = operation!["op"]!.GetValue<string>();
            var path = operation["path"]!.GetValue<string>();
            var value = operation["value"]?.DeepClone();
            var (parent, key) = Resolve(document, path);
            switch (op)
            {
                case "test":
                    var current = Get(parent, key);
                    if (!JsonNode.DeepEquals(current, value))
                    {
                        throw new InvalidOperationException($"test failed at {path}");
                    }

                    break;
                case "add":
                    if (parent is JsonArray addArray)
                    {
                        if (key == "-")
                        {
                            addArray.Add(value);
                        }
                        else
                        {
                            addArray.Insert(int.Parse(key), value);
                        }
                    }
                    else
                    {
                        parent.AsObject()[key] = value;
                    }

                    break;
                case "replace":
                    _ = Get(parent, key) ?? throw new InvalidOperationException($"nothing to replace at {path}");
                    if (parent is JsonArray replaceArray)
                    {
                        replaceArray[int.Parse(key)] = value;
                    }
                    else
                    {
                        parent.AsObject()[key] = value;
                    }

                    break;
                case "remove":
                    _ = Get(parent, key) ?? throw new InvalidOperationException($"nothing to remove at {path}");
                    if (parent is JsonArray removeArray)
                    {
                        removeArray.RemoveAt(int.Parse(key));
                    }
                    else
                    {
                        parent.AsObject().Remove(key);
                    }

                    break;
                default:
                    throw new NotSupportedException(op);
            }
        }

        return KubernetesJson.Deserialize<T>(document.ToJsonString());
    }

    private static (JsonNode Parent, string Key) Resolve(JsonNode document, string path)
    {
        var segments = path.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();
        var node = document;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            node = (node is JsonArray array ? array[int.Parse(segment)] : node[segment])
                ?? throw new InvalidOperationException($"path {path} does not exist");
        }

        return (node, segments[^1]);
    }

    private static JsonNode? Get(JsonNode parent, string key) =>
        parent is JsonArray array ? (int.Parse(key) < array.Count ? array[int.Parse(key)] : null) : parent[key];
}

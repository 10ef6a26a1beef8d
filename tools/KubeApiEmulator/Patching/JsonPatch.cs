using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test.</summary>
internal static class JsonPatch
{
    /// <summary>Checks the shape of a patch document before applying it.</summary>
    /// <exception cref="FormatException">The document is not a list of operations.</exception>
    public static JsonArray Decode(JsonNode? document)
    {
        if (document is not JsonArray operations)
        {
            throw new FormatException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || op.GetString("op") is null)
            {
                throw new FormatException("json: cannot unmarshal into Go value of type jsonpatch.Operation");
            }
        }

        return operations;
    }

    /// <summary>Applies <paramref name="operations"/> to <paramref name="document"/>, which is modified and returned.</summary>
    /// <exception cref="PatchException">An operation does not apply.</exception>
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document };
        foreach (var operation in operations.Cast<JsonObject>())
        {
            var op = operation.GetString("op")!;
            var path = operation.GetString("path") ?? throw new PatchException($"{op} operation does not apply: doc is missing path: \"\": missing value");
            switch (op)
            {
                case "add":
                    Add(root, path, Value(operation, op), op);
                    break;
                case "remove":
                    Remove(root, path, op);
                    break;
                case "replace":
                    Remove(root, path, op);
                    Add(root, path, Value(operation, op), op);
                    break;
                case "move":
                    {
                        var from = operation.GetString("from") ?? throw new PatchException("move operation does not apply: doc is missing from path");
                        var moved = Remove(root, from, op);
                        Add(root, path, moved, op);
                        break;
                    }

                case "copy":
                    {
                        var from = operation.GetString("from") ?? throw new PatchException("copy operation does not apply: doc is missing from path");
                        var (parent, token) = Resolve(root, from, op);
                        Add(root, path, Read(parent, token, from, op)?.DeepClone(), op);
                        break;
                    }

                case "test":
                    {
                        var (parent, token) = Resolve(root, path, op);
                        var actual = TryRead(parent, token);
                        if (!JsonNode.DeepEquals(actual, operation["value"]))
                        {
                            throw new PatchException($"testing value {path} failed: test failed");
                        }

                        break;
                    }

                default:
                    throw new PatchException($"Unexpected kind: {op}");
            }
        }

        var result = root["doc"] ?? throw new PatchException("the patch removed the whole object");
        root.Remove("doc");
        return result;
    }

    private static JsonNode? Value(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new PatchException($"{op} operation does not apply: missing value");

    private static (JsonNode Parent, string Token) Resolve(JsonObject root, string path, string op)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        }

        var tokens = path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode parent = root;
        var token = "doc";
        foreach (var next in tokens)
        {
            parent = TryRead(parent, token) ?? throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
            token = next;
        }

        return (parent, token);
    }

    private static JsonNode? TryRead(JsonNode parent, string token)
    {
        switch (parent)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(token, out var value) ? value : null;
            case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                return array[index];
            default:
                return null;
        }
    }

    private static JsonNode? Read(JsonNode parent, string token, string path, string op)
    {
        if (parent is JsonObject obj && obj.ContainsKey(token))
        {
            return obj[token];
        }

        if (parent is JsonArray array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
        {
            return array[index];
        }

        throw new PatchException($"{op} operation does not apply: doc is missing key: {path}: missing value");
    }

    private static void Add(JsonObject root, string path, JsonNode? value, string op)
    {
        var (parent, token) = Resolve(root, path, op);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array:
                if (token == "-")
                {
                    array.Add(value);
                }
                else if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= array.Count)
                {
                    array.Insert(index, value);
                }
                else
                {
                    throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
                }

                break;
            default:
                throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path, string op)
    {
        var (parent, token) = Resolve(root, path, op);
        var value = Read(parent, token, path, op);
        if (parent is JsonObject obj)
        {
            obj.Remove(token);
        }
        else
        {
            ((JsonArray)parent).RemoveAt(int.Parse(token, CultureInfo.InvariantCulture));
        }

        return value;
    }
}

using System.Text.Json.Nodes;
using k8s;

namespace CertFunctions.Core.Kubernetes.Patching;

/// <summary>Builds an RFC 6902 JSON patch; the first operation usually tests the resourceVersion we read.</summary>
public sealed class JsonPatch
{
    private readonly JsonArray _operations = [];
    private int _changes;

    /// <summary>True when the patch changes something (tests alone do not count).</summary>
    public bool HasChanges => _changes > 0;

    /// <summary>Escapes one JSON-pointer segment ('~' and '/').</summary>
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Guards the patch: it applies only if <paramref name="path"/> still holds <paramref name="value"/>.</summary>
    public JsonPatch Test(string path, string value)
    {
        _operations.Add(new JsonObject { ["op"] = "test", ["path"] = path, ["value"] = value });
        return this;
    }

    /// <summary>Adds (or, for an object member, replaces) <paramref name="path"/>.</summary>
    public JsonPatch Add(string path, object? value) => Change("add", path, value);

    /// <summary>Replaces the existing value at <paramref name="path"/>.</summary>
    public JsonPatch Replace(string path, object? value) => Change("replace", path, value);

    /// <summary>Removes <paramref name="path"/>.</summary>
    public JsonPatch Remove(string path)
    {
        _operations.Add(new JsonObject { ["op"] = "remove", ["path"] = path });
        _changes++;
        return this;
    }

    /// <summary>Sets map entry <paramref name="key"/> under <paramref name="mapPath"/> (creating the map when <paramref name="existing"/> is null).</summary>
    public JsonPatch SetEntry(string mapPath, IDictionary<string, string>? existing, string key, string value)
    {
        if (existing is null)
        {
            return Add(mapPath, new Dictionary<string, string> { [key] = value });
        }

        return existing.TryGetValue(key, out var current) && current == value
            ? this
            : Add($"{mapPath}/{Escape(key)}", value);
    }

    /// <summary>Sets several entries of a map at once (see <see cref="SetEntry"/>).</summary>
    public JsonPatch SetEntries(string mapPath, IDictionary<string, string>? existing, IReadOnlyDictionary<string, string> entries)
    {
        if (existing is null)
        {
            return entries.Count == 0 ? this : Add(mapPath, new Dictionary<string, string>(entries));
        }

        foreach (var (key, value) in entries)
        {
            SetEntry(mapPath, existing, key, value);
        }

        return this;
    }

    /// <summary>Appends the operations of <paramref name="other"/> (built without a guard of its own).</summary>
    public JsonPatch Append(JsonPatch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var operation in other._operations)
        {
            _operations.Add(operation!.DeepClone());
        }

        _changes += other._changes;
        return this;
    }

    /// <summary>The patch document.</summary>
    public override string ToString() => _operations.ToJsonString();

    private JsonPatch Change(string op, string path, object? value)
    {
        var node = value switch
        {
            null => null,
            JsonNode json => json,
            string text => JsonValue.Create(text),
            _ => JsonNode.Parse(KubernetesJson.Serialize(value)),
        };
        _operations.Add(new JsonObject { ["op"] = op, ["path"] = path, ["value"] = node });
        _changes++;
        return this;
    }
}

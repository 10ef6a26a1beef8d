using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>One metadata.managedFields entry: a manager, its operation (Apply or Update) and the fields it owns.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string? Time, string Subresource, FieldSet Fields)
{
    /// <summary>The Apply operation (server-side apply).</summary>
    public const string Apply = "Apply";

    /// <summary>The Update operation (create, update, every other patch).</summary>
    public const string Update = "Update";

    /// <summary>True when this entry is the one (manager, operation, subresource) names.</summary>
    public bool Is(string manager, string operation, string subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    /// <summary>The manager as the server names it in conflicts: <c>"kubectl"</c>, or <c>"x" using v1</c> for an Update.</summary>
    public string Printed
    {
        get
        {
            var text = "\"" + Manager + "\"";
            if (Subresource.Length > 0)
            {
                text += $" with subresource \"{Subresource}\"";
            }

            return Operation == Update ? $"{text} using {ApiVersion}" + (Time is null ? string.Empty : " at " + Time) : text;
        }
    }

    /// <summary>Reads the entries of an object's metadata.managedFields.</summary>
    public static List<ManagedFieldsEntry> Read(JsonObject obj) =>
        (obj.Get("metadata", "managedFields") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(e => new ManagedFieldsEntry(
                e.GetString("manager") ?? string.Empty,
                e.GetString("operation") ?? Update,
                e.GetString("apiVersion") ?? string.Empty,
                e.GetString("time"),
                e.GetString("subresource") ?? string.Empty,
                FieldSet.FromFieldsV1(e["fieldsV1"])))
            .ToList();

    /// <summary>The entries as a managedFields array, leaving out those that own nothing; null when none is left.</summary>
    public static JsonArray? Write(IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => !e.Fields.IsEmpty))
        {
            var obj = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
            };
            if (entry.Time is not null)
            {
                obj["time"] = entry.Time;
            }

            obj["fieldsType"] = "FieldsV1";
            obj["fieldsV1"] = entry.Fields.ToFieldsV1();
            if (entry.Subresource.Length > 0)
            {
                obj["subresource"] = entry.Subresource;
            }

            array.Add(obj);
        }

        return array.Count == 0 ? null : array;
    }
}

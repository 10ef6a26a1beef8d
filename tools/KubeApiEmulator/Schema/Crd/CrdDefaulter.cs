using System.Text.Json.Nodes;

namespace KubeApiEmulator.Schema.Crd;

/// <summary>Structural defaulting as the apiextensions server does it: a missing property with a default gets a copy of it, top-down, defaults included.</summary>
internal static class CrdDefaulter
{
    /// <summary>Applies the defaults of <paramref name="schema"/> inside <paramref name="value"/>.</summary>
    public static void Apply(JsonNode? value, CrdSchema schema)
    {
        switch (schema.Type)
        {
            case CrdType.Object when value is JsonObject obj:
                foreach (var (name, property) in schema.Properties)
                {
                    if (!obj.ContainsKey(name) && property.Default is not null)
                    {
                        obj[name] = property.Default.DeepClone();
                    }

                    Apply(obj[name], property);
                }

                break;
            case CrdType.Array when value is JsonArray array:
                foreach (var item in array)
                {
                    Apply(item, schema.Items!);
                }

                break;
        }
    }
}

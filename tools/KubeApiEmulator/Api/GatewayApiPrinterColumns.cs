using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>The additionalPrinterColumns of the Gateway API CRDs, evaluated for server-side Tables.</summary>
internal static class GatewayApiPrinterColumns
{
    /// <summary>The columns of a Gateway API kind (name, type, description, priority), or null for other kinds.</summary>
    public static (string Name, string Type, string Description, int Priority)[]? For(string kind) => kind switch
    {
        "GatewayClass" => [Name, ("Controller", "string", string.Empty, 0), ("Accepted", "string", string.Empty, 0), Age, ("Description", "string", string.Empty, 1)],
        "Gateway" => [Name, ("Class", "string", string.Empty, 0), ("Address", "string", string.Empty, 0), ("Programmed", "string", string.Empty, 0), Age],
        "HTTPRoute" => [Name, ("Hostnames", "string", string.Empty, 0), Age],
        "ReferenceGrant" => [Name, Age],
        _ => null,
    };

    /// <summary>The cells of one row, in the order of <see cref="For"/>; a path that finds nothing is null, as on a real server.</summary>
    public static IEnumerable<JsonNode?> Cells(string kind, JsonObject obj, string age)
    {
        yield return obj.GetString("metadata", "name");
        switch (kind)
        {
            case "GatewayClass":
                yield return obj.GetString("spec", "controllerName");
                yield return ConditionStatus(obj, "Accepted");
                yield return age;
                yield return obj.GetString("spec", "description");
                yield break;
            case "Gateway":
                {
                    yield return obj.GetString("spec", "gatewayClassName");
                    var addresses = (obj.Get("status", "addresses") as JsonArray ?? []).Select(a => a.GetString("value")).OfType<string>().ToList();
                    yield return addresses.Count == 0 ? null : string.Join(",", addresses);
                    yield return ConditionStatus(obj, "Programmed");
                    break;
                }

            case "HTTPRoute":
                yield return obj.Get("spec", "hostnames") is JsonArray hostnames ? hostnames.ToJsonString() : null;
                break;
        }

        yield return age;
    }

    private static (string, string, string, int) Name => ("Name", "string", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 0);

    private static (string, string, string, int) Age => ("Age", "date", string.Empty, 0);

    private static string? ConditionStatus(JsonObject obj, string type) =>
        (obj.Get("status", "conditions") as JsonArray ?? []).FirstOrDefault(c => c.GetString("type") == type).GetString("status");
}

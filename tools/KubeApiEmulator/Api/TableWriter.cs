using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Api;

/// <summary>Server-side printing: meta.k8s.io/v1 Table responses for kubectl's default output.</summary>
internal static class TableWriter
{
    /// <summary>A Table of <paramref name="objects"/>.</summary>
    public static JsonObject Build(
        ResourceType type, IEnumerable<JsonObject> objects, long resourceVersion, string? continueToken, DateTimeOffset now,
        TableObjectPolicy include = TableObjectPolicy.Metadata, string version = "v1")
    {
        var columns = new JsonArray();
        var customColumns = GatewayApiPrinterColumns.For(type.Kind);
        var definitions = customColumns ?? [.. Columns(type).Select(c => (c.Name, "string", c.Description, type.Kind == "Event" && c.Name == "Name" ? 1 : 0))];
        foreach (var (name, columnType, description, priority) in definitions)
        {
            columns.Add(new JsonObject
            {
                ["name"] = name,
                ["type"] = columnType,
                ["format"] = name == "Name" ? "name" : string.Empty,
                ["description"] = description,
                ["priority"] = priority,
            });
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray();
            var rowCells = customColumns is null ? Cells(type, obj, now) : GatewayApiPrinterColumns.Cells(type.Kind, obj, Age(obj.GetString("metadata", "creationTimestamp"), now));
            foreach (var cell in rowCells)
            {
                cells.Add(cell);
            }

            var row = new JsonObject { ["cells"] = cells };
            if (include != TableObjectPolicy.None)
            {
                row["object"] = include == TableObjectPolicy.Object ? obj.DeepClone() : PartialObjectMetadata.Of(obj, version);
            }

            rows.Add(row);
        }

        var listMetadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            listMetadata["continue"] = continueToken;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/" + version,
            ["metadata"] = listMetadata,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    /// <summary>A Table of one list page.</summary>
    public static JsonObject Build(ResourceType type, ListPage page, DateTimeOffset now, TableObjectPolicy include, string version) =>
        Build(type, page.Items.Select(StoredToNode(type)), page.ResourceVersion, page.Continue, now, include, version);

    private static Func<StoredObject, JsonObject> StoredToNode(ResourceType type) => o => ObjectOperations.Present(type, o.ToNode());

    private static (string Name, string Description)[] Columns(ResourceType type) => type.Kind switch
    {
        "Ingress" => [("Name", "Name"), ("Class", "ingressClassName"), ("Hosts", "Rule hosts"), ("Address", "Load balancer address"), ("Ports", "Ports"), ("Age", "CreationTimestamp")],
        "Secret" => [("Name", "Name"), ("Type", "The type of the secret"), ("Data", "Number of keys"), ("Age", "CreationTimestamp")],
        "Service" => [("Name", "Name"), ("Type", "Service type"), ("Cluster-IP", "Cluster IP"), ("External-IP", "External IP"), ("Port(s)", "Ports"), ("Age", "CreationTimestamp")],
        "Namespace" => [("Name", "Name"), ("Status", "Phase"), ("Age", "CreationTimestamp")],
        "IngressClass" => [("Name", "Name"), ("Controller", "Controller"), ("Parameters", "Parameters"), ("Age", "CreationTimestamp")],
        "Event" => [("Last Seen", "Last seen"), ("Type", "Type"), ("Reason", "Reason"), ("Object", "Involved object"), ("Message", "Message"), ("Name", "Name")],
        _ => [("Name", "Name"), ("Age", "CreationTimestamp")],
    };

    private static IEnumerable<JsonNode?> Cells(ResourceType type, JsonObject obj, DateTimeOffset now)
    {
        if (type.Kind == "Event")
        {
            var regarding = obj["involvedObject"] ?? obj["regarding"];
            yield return Age(obj.GetString("lastTimestamp") ?? obj.GetString("deprecatedLastTimestamp") ?? obj.GetString("eventTime") ?? obj.GetString("metadata", "creationTimestamp"), now);
            yield return obj.GetString("type");
            yield return obj.GetString("reason");
            yield return $"{regarding.GetString("kind")?.ToLowerInvariant()}/{regarding.GetString("name")}";
            yield return obj.GetString("message") ?? obj.GetString("note");
            yield return obj.GetString("metadata", "name");
            yield break;
        }

        yield return obj.GetString("metadata", "name");
        switch (type.Kind)
        {
            case "Ingress":
                {
                    yield return obj.GetString("spec", "ingressClassName") ?? "<none>";
                    var hosts = (obj.Get("spec", "rules") as JsonArray ?? []).Select(r => r.GetString("host") ?? "*").ToList();
                    yield return hosts.Count == 0 ? "*" : string.Join(",", hosts);
                    yield return string.Empty;
                    yield return obj.Get("spec", "tls") is JsonArray { Count: > 0 } ? "80, 443" : "80";
                    break;
                }

            case "Secret":
                yield return obj.GetString("type");
                yield return (obj["data"] as JsonObject)?.Count ?? 0;
                break;
            case "Service":
                {
                    yield return obj.GetString("spec", "type");
                    yield return obj.GetString("spec", "clusterIP") ?? "<none>";
                    yield return obj.GetString("spec", "externalName") ?? "<none>";
                    var ports = (obj.Get("spec", "ports") as JsonArray ?? []).Select(p => $"{p?["port"]}/{p.GetString("protocol")}").ToList();
                    yield return ports.Count == 0 ? "<none>" : string.Join(",", ports);
                    break;
                }

            case "Namespace":
                yield return obj.GetString("status", "phase");
                break;
            case "IngressClass":
                yield return obj.GetString("spec", "controller");
                yield return "<none>";
                break;

        }

        yield return Age(obj.GetString("metadata", "creationTimestamp"), now);
    }

    /// <summary>A one-row Table for a watch event (what the real server sends when a watch asks for Tables).</summary>
    public static JsonObject Row(ResourceType type, JsonObject obj, DateTimeOffset now, TableObjectPolicy include, string version) =>
        Build(type, [obj], 0, null, now, include, version);

    private static string Age(string? created, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return "<unknown>";
        }

        var age = now - at;
        return age.TotalDays >= 2 ? $"{(int)age.TotalDays}d"
            : age.TotalHours >= 2 ? $"{(int)age.TotalHours}h"
            : age.TotalMinutes >= 2 ? $"{(int)age.TotalMinutes}m"
            : $"{Math.Max(0, (int)age.TotalSeconds)}s";
    }
}

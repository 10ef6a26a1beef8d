using System.Text.Json.Nodes;

namespace KubeApiEmulator.Objects;

/// <summary>
/// core/v1 and events.k8s.io/v1 Events are one stored object seen in two shapes. Events are stored in the
/// core/v1 shape and converted field by field on the way in and out of events.k8s.io/v1.
/// </summary>
internal static class EventShapes
{
    private static readonly (string Core, string Events)[] Renames =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
        ("reportingComponent", "reportingController"),
    ];

    /// <summary>Converts an events.k8s.io/v1 Event to the stored core/v1 shape (in place).</summary>
    public static JsonObject ToCore(JsonObject obj)
    {
        Rename(obj, r => (r.Events, r.Core));
        obj["apiVersion"] = "v1";
        return obj;
    }

    /// <summary>Converts a stored core/v1 Event to the events.k8s.io/v1 shape (in place).</summary>
    public static JsonObject ToEvents(JsonObject obj)
    {
        Rename(obj, r => (r.Core, r.Events));
        obj["apiVersion"] = "events.k8s.io/v1";

        // events.k8s.io/v1 declares these with omitempty, so the empty strings core/v1 keeps are not shown here.
        foreach (var name in new[] { "reportingController", "reportingInstance" })
        {
            if (obj[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length == 0)
            {
                obj.Remove(name);
            }
        }

        return obj;
    }

    private static void Rename(JsonObject obj, Func<(string Core, string Events), (string From, string To)> direction)
    {
        foreach (var rename in Renames)
        {
            var (from, to) = direction(rename);
            if (obj.TryGetPropertyValue(from, out var value))
            {
                obj.Remove(from);
                obj[to] = value;
            }
        }
    }
}

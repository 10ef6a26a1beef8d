namespace KubeApiEmulator.Storage;

/// <summary>
/// Field selector labels of a served version mapped to the labels of the stored kind. events.k8s.io/v1 shares the
/// core Event storage but accepts only its own spellings (regarding.*, reportingController); the core ones are 400 there.
/// </summary>
internal static class FieldLabelConversion
{
    private static readonly Dictionary<string, string> EventsV1 = new(StringComparer.Ordinal)
    {
        ["reason"] = "reason",
        ["regarding.kind"] = "involvedObject.kind",
        ["regarding.namespace"] = "involvedObject.namespace",
        ["regarding.name"] = "involvedObject.name",
        ["regarding.uid"] = "involvedObject.uid",
        ["regarding.apiVersion"] = "involvedObject.apiVersion",
        ["regarding.resourceVersion"] = "involvedObject.resourceVersion",
        ["regarding.fieldPath"] = "involvedObject.fieldPath",
        ["reportingController"] = "reportingComponent",
        ["source"] = "source",
        ["type"] = "type",
        ["metadata.namespace"] = "metadata.namespace",
        ["metadata.name"] = "metadata.name",
    };

    /// <summary>The label map of a group's view of a stored resource, or null when labels are the stored ones.</summary>
    public static IReadOnlyDictionary<string, string>? For(string group, string storage) =>
        group == "events.k8s.io" && storage == "events" ? EventsV1 : null;
}

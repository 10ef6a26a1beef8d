using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertFunctions.Core.Admission;

/// <summary>What the webhook reads of an admission.k8s.io/v1 AdmissionReview request.</summary>
/// <param name="Uid">The review uid, echoed in the answer.</param>
/// <param name="Kind">The object's kind (Ingress or Gateway).</param>
/// <param name="Group">The object's API group.</param>
/// <param name="Operation">CREATE, UPDATE, ...</param>
/// <param name="Namespace">The object's namespace.</param>
/// <param name="Name">The object's name.</param>
/// <param name="DryRun">True when nothing will be stored.</param>
/// <param name="Admitted">The object as it will be stored.</param>
/// <param name="OldObject">The stored object an update replaces.</param>
public sealed record AdmissionReviewRequest(
    string Uid, string Kind, string Group, string Operation, string Namespace, string Name, bool DryRun, JsonObject? Admitted, JsonObject? OldObject)
{
    /// <summary>Reads the request of a review; null when the body is not an AdmissionReview v1 with a request uid.</summary>
    public static AdmissionReviewRequest? Parse(ReadOnlySpan<byte> body)
    {
        JsonObject? review;
        try
        {
            review = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (review?["request"] is not JsonObject request || (string?)review["apiVersion"] != "admission.k8s.io/v1"
            || Text(request, "uid") is not { Length: > 0 } uid)
        {
            return null;
        }

        return new AdmissionReviewRequest(
            uid,
            Text(request["kind"], "kind") ?? string.Empty,
            Text(request["kind"], "group") ?? string.Empty,
            Text(request, "operation") ?? string.Empty,
            Text(request, "namespace") ?? string.Empty,
            Text(request, "name") ?? string.Empty,
            request["dryRun"] is JsonValue dry && dry.TryGetValue<bool>(out var d) && d,
            request["object"] as JsonObject,
            request["oldObject"] as JsonObject);
    }

    /// <summary>metadata.annotations of an object, or empty.</summary>
    public static IDictionary<string, string> Annotations(JsonObject? obj) =>
        (obj?["metadata"]?["annotations"] as JsonObject ?? [])
            .Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out _))
            .ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    /// <summary>metadata.generation, or 0.</summary>
    public static long Generation(JsonObject? obj) =>
        obj?["metadata"]?["generation"] is JsonValue g && g.TryGetValue<long>(out var value) ? value : 0;

    /// <summary>metadata.uid, or empty.</summary>
    public static string ObjectUid(JsonObject? obj) => Text(obj?["metadata"], "uid") ?? string.Empty;

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Admission;

/// <summary>The admission.k8s.io/v1 AdmissionReview request the real server sends.</summary>
internal static class AdmissionReviews
{
    /// <summary>The AdmissionRequest for one write (also the <c>request</c> variable of matchConditions).</summary>
    public static JsonObject Request(AdmissionAttributes attributes, string uid)
    {
        var type = attributes.Type;
        var user = attributes.User;
        var userInfo = new JsonObject { ["username"] = user?.Name ?? "system:apiserver" };
        if (!string.IsNullOrEmpty(user?.Uid))
        {
            userInfo["uid"] = user.Uid;
        }

        userInfo["groups"] = new JsonArray([.. (user?.Groups ?? ["system:masters"]).Select(g => (JsonNode?)JsonValue.Create(g))]);
        var groupVersionKind = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };
        var groupVersionResource = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["resource"] = type.Plural };
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = groupVersionKind,
            ["resource"] = groupVersionResource,
        };
        if (attributes.Subresource.Length > 0)
        {
            request["subResource"] = attributes.Subresource;
        }

        request["requestKind"] = groupVersionKind.DeepClone();
        request["requestResource"] = groupVersionResource.DeepClone();
        if (attributes.Subresource.Length > 0)
        {
            request["requestSubResource"] = attributes.Subresource;
        }

        request["name"] = attributes.Name;
        if (attributes.Namespace.Length > 0)
        {
            request["namespace"] = attributes.Namespace;
        }

        request["operation"] = attributes.Operation;
        request["userInfo"] = userInfo;
        request["object"] = attributes.Object.DeepClone();
        request["oldObject"] = attributes.OldObject?.DeepClone();
        request["dryRun"] = attributes.DryRun;
        request["options"] = new JsonObject
        {
            ["kind"] = attributes.OptionsKind,
            ["apiVersion"] = "meta.k8s.io/v1",
            ["fieldValidation"] = attributes.FieldValidation,
        };
        return request;
    }

    /// <summary>The review envelope around a request.</summary>
    public static JsonObject Review(JsonObject request) => new()
    {
        ["kind"] = "AdmissionReview",
        ["apiVersion"] = "admission.k8s.io/v1",
        ["request"] = request,
    };

    /// <summary>"?timeout=10s": the real server tells the webhook its deadline in the query string.</summary>
    public static Uri CallUri(string url, TimeSpan timeout) =>
        new(url + "?timeout=" + ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s");
}

using System.Text.Json.Nodes;
using KubeApiEmulator.Api;

namespace KubeApiEmulator.Security;

/// <summary>POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews: asks the authorizer about the caller (kubectl auth can-i).</summary>
internal static class SelfSubjectAccessReviews
{
    /// <summary>The path of the review resource.</summary>
    public const string Path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    /// <summary>The review with its status filled in for <paramref name="user"/>.</summary>
    /// <exception cref="StatusException">422 when the spec names neither resource nor non-resource attributes.</exception>
    public static JsonObject Review(JsonObject body, UserInfo user, RbacAuthorizer authorizer)
    {
        var spec = body["spec"] as JsonObject ?? [];
        RequestAttributes attributes;
        if (spec["resourceAttributes"] is JsonObject resource)
        {
            attributes = RequestAttributes.ForResource(
                resource.GetString("verb") ?? string.Empty, resource.GetString("group") ?? string.Empty, resource.GetString("resource") ?? string.Empty,
                resource.GetString("subresource") ?? string.Empty, resource.GetString("namespace") ?? string.Empty, resource.GetString("name") ?? string.Empty);
        }
        else if (spec["nonResourceAttributes"] is JsonObject nonResource)
        {
            attributes = RequestAttributes.ForPath(nonResource.GetString("verb") ?? string.Empty, nonResource.GetString("path") ?? string.Empty);
        }
        else
        {
            throw Validation.InvalidStatus.Create("authorization.k8s.io", "SelfSubjectAccessReview", string.Empty,
                [Validation.FieldError.Invalid("spec.resourceAttributes", "null", "exactly one of nonResourceAttributes or resourceAttributes must be specified")]);
        }

        var (allowed, reason) = authorizer.Authorize(user, attributes);
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        return new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview",
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        };
    }
}

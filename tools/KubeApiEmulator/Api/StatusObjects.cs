using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Api;

/// <summary>Builds meta/v1 Status objects and the errors of the real API server.</summary>
internal static class StatusObjects
{
    /// <summary>A Failure Status.</summary>
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
        };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    /// <summary>The Success Status returned by a delete that removed the object at once.</summary>
    public static JsonObject DeleteSuccess(ResourceType type, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = Details(type, name, uid),
    };

    /// <summary>404 NotFound for an object.</summary>
    public static StatusException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(type, name));

    /// <summary>404 NotFound for a namespace that does not exist (the NamespaceLifecycle admission answer).</summary>
    public static StatusException NamespaceNotFound(string name) => NotFound(ResourceCatalog.Namespaces, name);

    /// <summary>409 AlreadyExists.</summary>
    public static StatusException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(type, name));

    /// <summary>409 Conflict on a stale resourceVersion.</summary>
    public static StatusException Conflict(ResourceType type, string name) =>
        ConflictWithMessage(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>409 Conflict with the server's explanation.</summary>
    public static StatusException ConflictWithMessage(ResourceType type, string name, string explanation) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {explanation}", Details(type, name));

    /// <summary>409 for a server-side apply that would change fields other managers own: one cause per field.</summary>
    public static StatusException ApplyConflict(string message, IEnumerable<Patching.ServerSideApply.ApplyConflict> conflicts) =>
        new(409, "Conflict", message, new JsonObject
        {
            ["causes"] = new JsonArray([.. conflicts.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = "conflict with " + c.Manager,
                ["field"] = c.Field,
            })]),
        });

    /// <summary>400 BadRequest.</summary>
    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>401 Unauthorized.</summary>
    public static StatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    /// <summary>403 Forbidden.</summary>
    public static StatusException Forbidden(ResourceType type, string name, string explanation) =>
        new(403, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: {explanation}", Details(type, name));

    /// <summary>403 from the NamespaceLifecycle admission plugin for a create in a namespace being deleted.</summary>
    public static StatusException NamespaceTerminating(ResourceType type, string name, string ns)
    {
        var details = Details(type, name);
        details["causes"] = new JsonArray(new JsonObject
        {
            ["reason"] = "NamespaceTerminating",
            ["message"] = $"namespace {ns} is being terminated",
            ["field"] = "metadata.namespace",
        });
        return new(403, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", details);
    }

    /// <summary>404 for a path that serves nothing: Go's plain-text NotFound handler answers, not a Status.</summary>
    public static StatusException PathNotFound() =>
        new(404, "NotFound", "404 page not found\n") { PlainText = true };

    /// <summary>405 MethodNotAllowed.</summary>
    public static StatusException MethodNotAllowed(string method, ResourceType type) =>
        new(405, "MethodNotAllowed", $"{method} is not supported on resources of kind \"{type.QualifiedResource}\"", new JsonObject());

    /// <summary>415 UnsupportedMediaType for a patch body of an unknown type.</summary>
    public static StatusException UnsupportedPatchType(string contentType) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json",
            new JsonObject());

    /// <summary>415 UnsupportedMediaType for a request body of an unknown type.</summary>
    public static StatusException UnsupportedBodyType(string contentType) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
            new JsonObject());

    /// <summary>422 from a JSON patch that could not be applied (the server relays the patch library's message as a cause).</summary>
    public static StatusException PatchFailed(string message) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = message }) });

    /// <summary>504 for a list or watch resourceVersion newer than the server has.</summary>
    public static StatusException TooLargeResourceVersion(string requested, long current) =>
        new(504, "Timeout", $"Too large resource version: {requested}, current: {current}",
            new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
                ["retryAfterSeconds"] = 1,
            });

    /// <summary>410 Expired for a continue token or watch resourceVersion too old to serve.</summary>
    public static StatusException Expired(string message) => new(410, "Expired", message);

    /// <summary>415 for a strategic merge (or other unsupported) patch of a custom resource; server-side apply is listed as the real server lists it.</summary>
    public static StatusException UnsupportedCustomResourcePatchType() =>
        new(415, "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            new JsonObject());

    /// <summary>The details block naming an object.</summary>
    public static JsonObject Details(ResourceType type, string name, string? uid = null)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return details;
    }
}

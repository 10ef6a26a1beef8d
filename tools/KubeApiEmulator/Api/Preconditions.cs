using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>How the storage layer answers an update's preconditions when the object is missing.</summary>
internal static class Preconditions
{
    /// <summary>
    /// The error for an update of a missing object: storage checks a uid precondition before it reports the object
    /// missing, so a body carrying a uid gets 409 Conflict (the object's uid is empty), and only a body without one 404.
    /// </summary>
    public static StatusException MissingObject(ApiRequest request, JsonObject body)
    {
        var uid = body.GetString("metadata", "uid");
        return string.IsNullOrEmpty(uid)
            ? StatusObjects.NotFound(request.Type, request.Name)
            : StatusObjects.ConflictWithMessage(request.Type, request.Name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: ");
    }
}

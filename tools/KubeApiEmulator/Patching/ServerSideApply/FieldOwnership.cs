using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>Computes an object's managedFields after a write, from the object before and after it.</summary>
internal abstract class FieldOwnership
{
    /// <summary>The managedFields of <paramref name="next"/>; null when no manager owns anything.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="old">The stored object before the write; null on create.</param>
    /// <param name="next">The object about to be stored (defaulted and validated).</param>
    /// <param name="subresource">"status" for a write to /status, else empty.</param>
    public abstract JsonArray? Track(ResourceType type, JsonObject? old, JsonObject next, string subresource);

    /// <summary>
    /// The fields a write to <paramref name="subresource"/> may own: only status through /status, never status through
    /// the main resource of a kind whose status is a subresource (the server resets it there).
    /// </summary>
    public static FieldSet ForSubresource(ResourceType type, FieldSet fields, string subresource)
    {
        if (subresource == "status")
        {
            return fields.OnlyUnder("f:status");
        }

        var status = new FieldSet();
        status.Child("f:status").Member = true;
        return type.Subresources.Contains("status") ? fields.ExceptSubtrees(status) : fields;
    }
}

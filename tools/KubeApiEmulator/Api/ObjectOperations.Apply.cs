using System.Text.Json.Nodes;
using KubeApiEmulator.Patching.ServerSideApply;
using KubeApiEmulator.Schema;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Api;

/// <summary>Server-side apply and the managedFields every write records.</summary>
internal sealed partial class ObjectOperations
{
    /// <summary>
    /// Applies a manager's configuration (PATCH application/apply-patch+yaml): creates the object when missing, else
    /// merges it by the types' list semantics; 409 with the conflicting managers and fields unless forced.
    /// </summary>
    public (JsonObject Object, bool Created) Apply(ApiRequest request, JsonNode? configuration, RequestOptions options)
    {
        var type = request.Type;
        var manager = options.FieldManager ?? throw StatusObjects.BadRequest("fieldManager is required for apply patch");
        if (configuration is not JsonObject applied)
        {
            throw StatusObjects.BadRequest($"json: cannot unmarshal {configuration.KindName()} into Go value of type map[string]interface {{}}");
        }

        if (string.IsNullOrEmpty(applied.GetString("apiVersion")) || string.IsNullOrEmpty(applied.GetString("kind")))
        {
            throw StatusObjects.BadRequest("Object 'Kind' is missing in '" + applied.ToJsonString() + "'");
        }

        if (applied.GetString("apiVersion") != type.ApiVersion || applied.GetString("kind") != type.Kind)
        {
            throw StatusObjects.BadRequest($"the apiVersion and kind of the applied configuration ({applied.GetString("apiVersion")}, {applied.GetString("kind")}) do not match {type.QualifiedResource} ({type.ApiVersion}, {type.Kind})");
        }

        var name = applied.GetString("metadata", "name");
        if (name != request.Name)
        {
            throw StatusObjects.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
        }

        DecodeCheck.Apply(type, applied, options);
        lock (store.Gate)
        {
            var existing = store.Get(type.StorageName, StorageKeys.For(request.Namespace, request.Name));
            try
            {
                if (existing is null)
                {
                    if (request.Subresource.Length > 0)
                    {
                        throw StatusObjects.NotFound(type, request.Name);
                    }

                    var fresh = ServerSideApply.Apply(type, null, applied, manager, options.Force, string.Empty, time);
                    return (Create(type, request.Namespace, fresh.Object, options, new FixedOwnership(fresh.ManagedFields)), true);
                }

                var result = ServerSideApply.Apply(type, Present(type, existing.ToNode()), applied, manager, options.Force, request.Subresource, time);
                return (CommitUpdate(request, existing, result.Object, options, "PatchOptions", new FixedOwnership(result.ManagedFields)), false);
            }
            catch (ApplyConflictException ex)
            {
                throw StatusObjects.ApplyConflict(ex.Message, ex.Conflicts);
            }
        }
    }

    private UpdateOwnership? Ownership(RequestOptions options) =>
        options.FieldManager is null ? null : new UpdateOwnership(options.FieldManager, time);

    private static void SetManagedFields(JsonObject obj, JsonArray? managedFields)
    {
        var metadata = obj.Metadata();
        if (managedFields is null)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = managedFields;
        }
    }
}

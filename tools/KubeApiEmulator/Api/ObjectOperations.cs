using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Objects;
using KubeApiEmulator.Patching;
using KubeApiEmulator.Patching.ServerSideApply;
using KubeApiEmulator.Schema;
using KubeApiEmulator.Storage;
using KubeApiEmulator.Validation;

namespace KubeApiEmulator.Api;

/// <summary>
/// The write semantics of the real server: create (with generateName), update with a resourceVersion
/// precondition, patch, delete and delete-collection, with defaulting, validation, uid, creationTimestamp,
/// generation and status handling. Every read-modify-write runs under the store's lock.
/// </summary>
internal sealed partial class ObjectOperations(ObjectStore store, ObjectDefaults defaults, TimeProvider time, Validation.Admission admission)
{
    private static readonly string[] ProtectedNamespaces = ["default", "kube-system", "kube-public"];

    private readonly GracefulDeletion _deletion = new(store, time);

    /// <summary>The store the operations work on.</summary>
    public ObjectStore Store => store;

    /// <summary>Creates an object; returns it as stored (or as it would be, on a dry run).</summary>
    public JsonObject Create(ResourceType type, string ns, JsonObject body, RequestOptions options, FieldOwnership? ownership = null)
    {
        var obj = AdmitBody(type, ns, body, options);
        var metadata = obj.Metadata();
        if (!string.IsNullOrEmpty(metadata.GetString("resourceVersion")))
        {
            throw new StatusException(500, "InternalError", "resourceVersion should not be set on objects to be created",
                new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = "resourceVersion should not be set on objects to be created" }) });
        }

        lock (store.Gate)
        {
            if (type.Namespaced && store.Get(ResourceCatalog.Namespaces.StorageName, ns) is null)
            {
                throw StatusObjects.NamespaceNotFound(ns);
            }

            if (type.Namespaced && _deletion.IsTerminating(ns))
            {
                throw StatusObjects.NamespaceTerminating(type, metadata.GetString("name") ?? string.Empty, ns);
            }

            var name = metadata.GetString("name") ?? string.Empty;
            var generateName = metadata.GetString("generateName") ?? string.Empty;
            if (name.Length == 0 && generateName.Length > 0)
            {
                do
                {
                    name = NameGenerator.Generate(generateName);
                }
                while (store.Get(type.StorageName, StorageKeys.For(ns, name)) is not null);

                metadata["name"] = name;
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Timestamp();
            metadata.Remove("resourceVersion");
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            metadata.Remove("selfLink");
            metadata.Remove("managedFields");
            if (TracksGeneration(type))
            {
                metadata["generation"] = 1;
            }
            else
            {
                metadata.Remove("generation");
            }

            // Custom resources with a status subresource drop status on create, as the apiextensions server does.
            if (type.Kind is "Ingress" or "Service" || type.IsCustomResource)
            {
                obj.Remove("status");
            }

            defaults.Apply(type.Kind, obj, null);
            ObjectValidator.Validate(type, obj, null);
            admission.Check(type, obj);
            SetManagedFields(obj, (ownership ?? Ownership(options))?.Track(type, null, obj, string.Empty));
            obj = ObjectShape.For(type, obj);

            // As on a real server, the webhooks see a create that storage then refuses as AlreadyExists.
            options.Warnings.AddRange(admission.Review(new(
                "CREATE", type, string.Empty, ns, name, obj, null, options.User, options.DryRun, "CreateOptions", options.FieldValidation.ToString())));
            if (store.Get(type.StorageName, StorageKeys.For(ns, name)) is not null)
            {
                throw StatusObjects.AlreadyExists(type, name);
            }

            if (options.DryRun)
            {
                return Present(type, obj);
            }

            return Present(type, store.Put(type.StorageName, obj, "ADDED").ToNode());
        }
    }

    /// <summary>Replaces an object (PUT), honouring a resourceVersion in the body as a precondition.</summary>
    public JsonObject Update(ApiRequest request, JsonObject body, RequestOptions options)
    {
        var obj = AdmitBody(request.Type, request.Namespace, body, options);
        var bodyName = obj.GetString("metadata", "name") ?? string.Empty;
        if (bodyName != request.Name)
        {
            throw StatusObjects.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        lock (store.Gate)
        {
            var existing = store.Get(request.Type.StorageName, StorageKeys.For(request.Namespace, request.Name))
                ?? throw Preconditions.MissingObject(request, obj);
            return CommitUpdate(request, existing, obj, options, "UpdateOptions", Ownership(options));
        }
    }

    /// <summary>Applies a JSON, merge or strategic merge patch.</summary>
    public JsonObject Patch(ApiRequest request, string mediaType, JsonNode? patch, RequestOptions options)
    {
        var type = request.Type;
        lock (store.Gate)
        {
            var existing = store.Get(type.StorageName, StorageKeys.For(request.Namespace, request.Name))
                ?? throw StatusObjects.NotFound(type, request.Name);
            var document = Present(type, existing.ToNode());
            JsonNode patched;
            try
            {
                patched = mediaType switch
                {
                    "application/json-patch+json" => JsonPatch.Apply(document, DecodeJsonPatch(patch)),
                    "application/merge-patch+json" => MergePatch.Apply(document, RequireObjectPatch(patch))!,
                    "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(type.Kind, document, RequireObjectPatch(patch)),
                    _ => throw StatusObjects.UnsupportedPatchType(mediaType),
                };
            }
            catch (PatchException ex) when (mediaType == "application/json-patch+json")
            {
                throw StatusObjects.PatchFailed(ex.Message);
            }
            catch (PatchException ex)
            {
                throw StatusObjects.BadRequest(ex.Message);
            }

            if (patched is not JsonObject patchedObject)
            {
                throw StatusObjects.BadRequest("the patch did not produce an object");
            }

            if (patchedObject.GetString("apiVersion") != type.ApiVersion || patchedObject.GetString("kind") != type.Kind)
            {
                throw StatusObjects.BadRequest($"the patch changed apiVersion or kind of {type.QualifiedResource} \"{request.Name}\"");
            }

            if (mediaType == "application/json-patch+json")
            {
                DecodeCheck.ApplyToJsonPatchResult(type, patchedObject, options);
            }
            else
            {
                DecodeCheck.Apply(type, patchedObject, options);
            }

            var proposed = type == ResourceCatalog.Events ? EventShapes.ToCore(patchedObject) : patchedObject;
            if (proposed.GetString("metadata", "name") != request.Name)
            {
                throw StatusObjects.BadRequest($"the name of the object ({proposed.GetString("metadata", "name")}) does not match the name on the URL ({request.Name})");
            }

            return CommitUpdate(request, existing, proposed, options, "PatchOptions", Ownership(options));
        }
    }

    /// <summary>Deletes an object; returns the Status, or the object when finalizers keep it (always for a Namespace).</summary>
    public JsonObject Delete(ApiRequest request, DeleteOptions options, bool dryRun)
    {
        var type = request.Type;
        lock (store.Gate)
        {
            var existing = store.Get(type.StorageName, StorageKeys.For(request.Namespace, request.Name))
                ?? throw StatusObjects.NotFound(type, request.Name);
            if (options.Uid is not null && options.Uid != existing.Uid)
            {
                throw StatusObjects.ConflictWithMessage(type, request.Name,
                    $"Precondition failed: UID in precondition: {options.Uid}, UID in object meta: {existing.Uid}");
            }

            var currentVersion = existing.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            if (options.ResourceVersion is not null && options.ResourceVersion != currentVersion)
            {
                throw StatusObjects.ConflictWithMessage(type, request.Name,
                    $"the ResourceVersion in the precondition ({options.ResourceVersion}) does not match the ResourceVersion in record ({currentVersion}). The object might have been modified");
            }

            if (type == ResourceCatalog.Namespaces && ProtectedNamespaces.Contains(request.Name))
            {
                throw StatusObjects.Forbidden(type, request.Name, "this namespace may not be deleted");
            }

            var kept = _deletion.Delete(type, existing, options.PropagationPolicy, dryRun);
            if (kept is not null)
            {
                return Present(type, kept);
            }

            return StatusObjects.DeleteSuccess(type, request.Name, existing.Uid);
        }
    }

    /// <summary>Deletes every object of a collection that matches the selectors; returns them as a list.</summary>
    public JsonObject DeleteCollection(ApiRequest request, LabelSelector labels, FieldSelector fields, bool dryRun)
    {
        var type = request.Type;
        var items = new JsonArray();
        lock (store.Gate)
        {
            var (start, end) = request.HasNamespace
                ? (StorageKeys.NamespaceStart(request.Namespace), StorageKeys.NamespaceEnd(request.Namespace))
                : ((string?)null, (string?)null);
            foreach (var item in store.Range(type.StorageName, start, end).Where(o => labels.Matches(o.Labels) && fields.Matches(o.Fields)).ToList())
            {
                if (type == ResourceCatalog.Namespaces && ProtectedNamespaces.Contains(item.Name))
                {
                    continue;
                }

                var kept = _deletion.Delete(type, item, null, dryRun);
                items.Add(Present(type, kept ?? item.ToNode()));
            }

            return new JsonObject
            {
                ["kind"] = type.Kind + "List",
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
                ["items"] = items,
            };
        }
    }

    /// <summary>Reads one object as JSON bytes in the shape of <paramref name="type"/>.</summary>
    public byte[] Get(ResourceType type, string ns, string name)
    {
        StoredObject found;
        lock (store.Gate)
        {
            found = store.Get(type.StorageName, StorageKeys.For(ns, name)) ?? throw StatusObjects.NotFound(type, name);
        }

        return type == ResourceCatalog.Events ? JsonSerializer.SerializeToUtf8Bytes(Present(type, found.ToNode()), JsonText.Options) : found.Json;
    }

    /// <summary>An object in the shape of the requested group/version (events.k8s.io Events are converted).</summary>
    public static JsonObject Present(ResourceType type, JsonObject stored) =>
        type == ResourceCatalog.Events && stored.GetString("apiVersion") == "v1" ? EventShapes.ToEvents(stored) : stored;

    private JsonObject CommitUpdate(ApiRequest request, StoredObject existing, JsonObject proposed, RequestOptions options, string optionsKind, FieldOwnership? ownership)
    {
        var dryRun = options.DryRun;
        var type = request.Type;
        var metadata = proposed.Metadata();
        var currentVersion = existing.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        var requestedVersion = metadata.GetString("resourceVersion");
        if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != currentVersion)
        {
            throw StatusObjects.Conflict(type, request.Name);
        }

        var old = existing.ToNode();
        var requestedUid = metadata.GetString("uid");
        if (!string.IsNullOrEmpty(requestedUid) && requestedUid != existing.Uid)
        {
            throw StatusObjects.ConflictWithMessage(type, request.Name,
                $"Precondition failed: UID in precondition: {requestedUid}, UID in object meta: {existing.Uid}");
        }

        JsonObject next;
        if (request.Subresource == "status")
        {
            next = (JsonObject)old.DeepClone();
            next["status"] = proposed["status"]?.DeepClone();
        }
        else
        {
            next = proposed;
            if (type.Subresources.Contains("status"))
            {
                next["status"] = old["status"]?.DeepClone();
            }

            var nextMetadata = next.Metadata();
            nextMetadata["uid"] = existing.Uid;
            nextMetadata["creationTimestamp"] = old.GetString("metadata", "creationTimestamp");
            nextMetadata.Remove("selfLink");
            nextMetadata.Remove("managedFields");
            // Deletion state is the server's: kept from the stored object, whatever the client sends.
            nextMetadata.Remove("deletionTimestamp");
            nextMetadata.Remove("deletionGracePeriodSeconds");
            if (old.Metadata()["deletionTimestamp"] is JsonNode deletionTimestamp)
            {
                nextMetadata["deletionTimestamp"] = deletionTimestamp.DeepClone();
                nextMetadata["deletionGracePeriodSeconds"] = old.Metadata()["deletionGracePeriodSeconds"]?.DeepClone();
            }
            if (!TracksGeneration(type))
            {
                nextMetadata.Remove("generation");
            }
        }

        next.Metadata()["resourceVersion"] = currentVersion;
        defaults.Apply(type.Kind, next, old);
        ObjectValidator.Validate(type, next, old);
        admission.Check(type, next);
        if (TracksGeneration(type))
        {
            var generation = old.Get("metadata", "generation")?.GetValue<long>() ?? 1;
            next.Metadata()["generation"] = JsonNode.DeepEquals(old["spec"], next["spec"]) ? generation : generation + 1;
        }

        SetManagedFields(next, ownership is null ? old.Get("metadata", "managedFields")?.DeepClone().AsArray() : ownership.Track(type, old, next, request.Subresource));
        next = ObjectShape.For(type, next);
        options.Warnings.AddRange(admission.Review(new(
            "UPDATE", type, request.Subresource, request.Namespace, request.Name, next, old, options.User, dryRun, optionsKind, options.FieldValidation.ToString())));
        if (JsonNode.DeepEquals(next, old))
        {
            return Present(type, old);
        }

        if (dryRun)
        {
            return Present(type, next);
        }

        var stored = store.Put(type.StorageName, next, "MODIFIED");
        _deletion.FinishIfUnblocked(type.StorageName, stored);
        return Present(type, stored.ToNode());
    }

    private static JsonObject AdmitBody(ResourceType type, string ns, JsonObject body, RequestOptions options)
    {
        var apiVersion = body.GetString("apiVersion");
        var kind = body.GetString("kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw StatusObjects.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw StatusObjects.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
        if (body["metadata"] is not null and not JsonObject)
        {
            throw StatusObjects.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: metadata must be an object");
        }

        var metadata = body.Metadata();
        if (type.Namespaced)
        {
            var bodyNamespace = metadata.GetString("namespace") ?? string.Empty;
            if (ns.Length == 0)
            {
                throw StatusObjects.PathNotFound();
            }

            if (bodyNamespace.Length > 0 && bodyNamespace != ns)
            {
                throw StatusObjects.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        DecodeCheck.Apply(type, body, options);
        return type == ResourceCatalog.Events ? EventShapes.ToCore(body) : body;
    }

    private static JsonArray DecodeJsonPatch(JsonNode? patch)
    {
        try
        {
            return JsonPatch.Decode(patch);
        }
        catch (FormatException ex)
        {
            throw StatusObjects.BadRequest(ex.Message);
        }
    }

    private static JsonObject RequireObjectPatch(JsonNode? patch) =>
        patch as JsonObject ?? throw StatusObjects.BadRequest($"json: cannot unmarshal {patch.KindName()} into Go value of type map[string]interface {{}}");

    private static bool TracksGeneration(ResourceType type) => type.Kind is "Ingress" or "IngressClass" || type.IsCustomResource;

    private string Timestamp() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

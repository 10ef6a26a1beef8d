using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>Serves one resource request by its verb.</summary>
internal sealed class ResourceHandler(ObjectOperations operations, ListReader lists, WatchStreamer watches, TimeProvider time, Security.ServiceAccountTokens tokens)
{
    /// <summary>Handles <paramref name="request"/>, writing the response.</summary>
    /// <exception cref="StatusException">The request fails the way the real server fails it.</exception>
    public async Task HandleAsync(HttpContext context, ApiRequest request, CancellationToken cancellationToken)
    {
        var http = context.Request;
        var options = request.Verb is "create" or "update" or "patch" or "delete" or "deletecollection"
            ? RequestOptions.From(request.Verb, http.Query["dryRun"], http.Query["fieldValidation"])
            : new RequestOptions();
        options.User = context.Items[typeof(Security.UserInfo)] as Security.UserInfo;
        var dryRun = options.DryRun;
        var type = request.Type;
        if (request.Subresource.Length == 0 && !Discovery.ResourceVerbs.For(type).Contains(request.Verb))
        {
            throw StatusObjects.MethodNotAllowed(http.Method, type);
        }

        switch (request.Verb)
        {
            case "get":
                {
                    var format = ResponseFormat.Negotiate(http.Headers.Accept);
                    format.RequireSingle(type);
                    var bytes = operations.Get(type, request.Namespace, request.Name);
                    if (format.Shape == ResponseShape.Object)
                    {
                        await ResponseWriter.WriteAsync(context.Response, 200, bytes, cancellationToken);
                        break;
                    }

                    var obj = JsonNode.Parse(bytes)!.AsObject();
                    var shaped = format.Shape == ResponseShape.Table
                        ? TableWriter.Build(type, [obj], 0, null, time.GetUtcNow(), TableObjectPolicies.Parse(http.Query["includeObject"].ToString()), format.MetaVersion)
                        : PartialObjectMetadata.Of(obj, format.MetaVersion);
                    await ResponseWriter.WriteAsync(context.Response, 200, shaped, format.ContentType, cancellationToken);
                    break;
                }

            case "list":
                {
                    var format = ResponseFormat.Negotiate(http.Headers.Accept);
                    format.RequireList(type);
                    var query = ListQuery.From(http, type);
                    var page = lists.Read(type.StorageName, request.Namespace, query);
                    switch (format.Shape)
                    {
                        case ResponseShape.Table:
                            var table = TableWriter.Build(type, page, time.GetUtcNow(), TableObjectPolicies.Parse(http.Query["includeObject"].ToString()), format.MetaVersion);
                            await ResponseWriter.WriteAsync(context.Response, 200, table, format.ContentType, cancellationToken);
                            break;
                        case ResponseShape.PartialObjectMetadataList:
                            await ResponseWriter.WriteAsync(context.Response, 200, PartialObjectMetadata.List(type, page, format.MetaVersion), format.ContentType, cancellationToken);
                            break;
                        default:
                            await ListWriter.WriteAsync(context.Response, type, page, cancellationToken);
                            break;
                    }

                    break;
                }

            case "watch":
                await watches.StreamAsync(context, request, ListQuery.From(http, type, watch: true), cancellationToken);
                break;
            case "create":
                {
                    if (type == Discovery.AccessResources.ServiceAccounts && request.Subresource == "token")
                    {
                        var tokenRequest = await RequestBody.ReadObjectAsync(http, cancellationToken);
                        await ResponseWriter.WriteAsync(context.Response, 201, TokenRequests.Create(request, tokenRequest, operations.Store, tokens), cancellationToken);
                        break;
                    }

                    if (request.Subresource.Length > 0)
                    {
                        throw StatusObjects.MethodNotAllowed("POST", type);
                    }

                    FieldManagerOptions.Read(http, request.Verb, string.Empty, options);
                    var body = await RequestBody.ReadObjectAsync(http, cancellationToken);
                    var created = operations.Create(type, request.Namespace, body, options);
                    AddWarnings(context.Response, options);
                    await ResponseWriter.WriteAsync(context.Response, 201, created, cancellationToken);
                    break;
                }

            case "update":
                {
                    FieldManagerOptions.Read(http, request.Verb, string.Empty, options);
                    var body = await RequestBody.ReadObjectAsync(http, cancellationToken);
                    var updated = operations.Update(request, body, options);
                    AddWarnings(context.Response, options);
                    await ResponseWriter.WriteAsync(context.Response, 200, updated, cancellationToken);
                    break;
                }

            case "patch":
                {
                    var mediaType = RequestBody.MediaType(http);
                    var apply = mediaType == FieldManagerOptions.ApplyPatchMediaType;
                    if (type.IsCustomResource && !apply && mediaType is not ("application/json-patch+json" or "application/merge-patch+json"))
                    {
                        throw StatusObjects.UnsupportedCustomResourcePatchType();
                    }

                    if (!apply && mediaType is not ("application/json-patch+json" or "application/merge-patch+json" or "application/strategic-merge-patch+json"))
                    {
                        throw StatusObjects.UnsupportedPatchType(mediaType);
                    }

                    FieldManagerOptions.Read(http, request.Verb, mediaType, options);
                    var patch = await RequestBody.ReadNodeAsync(http, allowYaml: apply, cancellationToken);
                    var (patched, created) = apply ? operations.Apply(request, patch, options) : (operations.Patch(request, mediaType, patch, options), false);
                    AddWarnings(context.Response, options);
                    await ResponseWriter.WriteAsync(context.Response, created ? 201 : 200, patched, cancellationToken);
                    break;
                }

            case "delete":
                {
                    var body = http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0
                        ? await RequestBody.ReadNodeAsync(http, allowYaml: false, cancellationToken)
                        : null;
                    var result = operations.Delete(request, DeleteOptions.From(body, http.Query["propagationPolicy"].ToString()), dryRun);
                    await ResponseWriter.WriteAsync(context.Response, 200, result, cancellationToken);
                    break;
                }

            case "deletecollection":
                {
                    var query = ListQuery.From(http, type);
                    var result = operations.DeleteCollection(request, query.Labels, query.Fields, dryRun);
                    await ResponseWriter.WriteAsync(context.Response, 200, result, cancellationToken);
                    break;
                }

            default:
                throw StatusObjects.MethodNotAllowed(http.Method, type);
        }
    }

    private static void AddWarnings(HttpResponse response, RequestOptions options)
    {
        foreach (var warning in options.Warnings)
        {
            response.Headers.Append("Warning", "299 - \"" + warning.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }
    }
}

using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>Serves one resource request by its verb.</summary>
internal sealed class ResourceHandler(ObjectOperations operations, ListReader lists, WatchStreamer watches, TimeProvider time)
{
    /// <summary>Handles <paramref name="request"/>, writing the response.</summary>
    /// <exception cref="StatusException">The request fails the way the real server fails it.</exception>
    public async Task HandleAsync(HttpContext context, ApiRequest request, CancellationToken cancellationToken)
    {
        var http = context.Request;
        var options = request.Verb is "create" or "update" or "patch" or "delete" or "deletecollection"
            ? RequestOptions.From(http.Query["dryRun"], http.Query["fieldValidation"])
            : new RequestOptions();
        var dryRun = options.DryRun;
        var type = request.Type;
        switch (request.Verb)
        {
            case "get":
                {
                    var bytes = operations.Get(type, request.Namespace, request.Name);
                    if (TableWriter.Wanted(http.Headers.Accept))
                    {
                        var obj = JsonNode.Parse(bytes)!.AsObject();
                        await ResponseWriter.WriteAsync(context.Response, 200, TableWriter.Build(type, [obj], 0, null, time.GetUtcNow()), cancellationToken);
                    }
                    else
                    {
                        await ResponseWriter.WriteAsync(context.Response, 200, bytes, cancellationToken);
                    }

                    break;
                }

            case "list":
                {
                    var query = ListQuery.From(http, type.StorageName);
                    var page = lists.Read(type.StorageName, request.Namespace, query);
                    if (TableWriter.Wanted(http.Headers.Accept))
                    {
                        await ResponseWriter.WriteAsync(context.Response, 200, TableWriter.Build(type, page, time.GetUtcNow()), cancellationToken);
                    }
                    else
                    {
                        await ListWriter.WriteAsync(context.Response, type, page, cancellationToken);
                    }

                    break;
                }

            case "watch":
                await watches.StreamAsync(context, request, ListQuery.From(http, type.StorageName), cancellationToken);
                break;
            case "create":
                {
                    if (request.Subresource.Length > 0)
                    {
                        throw StatusObjects.MethodNotAllowed("POST", type);
                    }

                    var body = await RequestBody.ReadObjectAsync(http, cancellationToken);
                    var created = operations.Create(type, request.Namespace, body, options);
                    AddWarnings(context.Response, options);
                    await ResponseWriter.WriteAsync(context.Response, 201, created, cancellationToken);
                    break;
                }

            case "update":
                {
                    var body = await RequestBody.ReadObjectAsync(http, cancellationToken);
                    var updated = operations.Update(request, body, options);
                    AddWarnings(context.Response, options);
                    await ResponseWriter.WriteAsync(context.Response, 200, updated, cancellationToken);
                    break;
                }

            case "patch":
                {
                    var mediaType = RequestBody.MediaType(http);
                    if (type.IsCustomResource && mediaType is not ("application/json-patch+json" or "application/merge-patch+json"))
                    {
                        throw StatusObjects.UnsupportedCustomResourcePatchType();
                    }

                    if (mediaType is not ("application/json-patch+json" or "application/merge-patch+json" or "application/strategic-merge-patch+json"))
                    {
                        throw StatusObjects.UnsupportedPatchType(mediaType);
                    }

                    var patch = await RequestBody.ReadNodeAsync(http, allowYaml: false, cancellationToken);
                    var patched = operations.Patch(request, mediaType, patch, options);
                    AddWarnings(context.Response, options);
                    await ResponseWriter.WriteAsync(context.Response, 200, patched, cancellationToken);
                    break;
                }

            case "delete":
                {
                    var body = http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0
                        ? await RequestBody.ReadNodeAsync(http, allowYaml: false, cancellationToken)
                        : null;
                    var result = operations.Delete(request, DeleteOptions.From(body), dryRun);
                    await ResponseWriter.WriteAsync(context.Response, 200, result, cancellationToken);
                    break;
                }

            case "deletecollection":
                {
                    var query = ListQuery.From(http, type.StorageName);
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

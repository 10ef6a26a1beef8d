using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Api;

/// <summary>Streams watch events ({"type","object"} per line) for a collection, from a resourceVersion or from now.</summary>
internal sealed class WatchStreamer(ObjectStore store, TimeProvider time)
{
    /// <summary>Runs one watch until the client leaves or timeoutSeconds passes.</summary>
    public async Task StreamAsync(HttpContext context, ApiRequest request, ListQuery query, CancellationToken cancellationToken)
    {
        var type = request.Type;
        var format = ResponseFormat.Negotiate(context.Request.Headers.Accept);
        format.RequireSingle(type);
        var include = TableObjectPolicies.Parse(context.Request.Query["includeObject"].ToString());
        JsonObject Shape(StoredObject o)
        {
            var presented = ObjectOperations.Present(type, o.ToNode());
            return format.Shape switch
            {
                ResponseShape.Table => TableWriter.Row(type, presented, time.GetUtcNow(), include, format.MetaVersion),
                ResponseShape.PartialObjectMetadata => PartialObjectMetadata.Of(presented, format.MetaVersion),
                _ => presented,
            };
        }

        bool Filter(StoredObject o) =>
            (request.Namespace.Length == 0 || o.Namespace == request.Namespace) &&
            (request.Name.Length == 0 || o.Name == request.Name) &&
            query.Matches(o);

        var initial = new List<StoredObject>();
        WatchSubscription? subscription = null;
        string? expired = null;
        lock (store.Gate)
        {
            long from;
            if (query.ResourceVersion is null or "0")
            {
                from = store.CurrentResourceVersion;
                var (start, end) = request.Namespace.Length > 0
                    ? (StorageKeys.NamespaceStart(request.Namespace), StorageKeys.NamespaceEnd(request.Namespace))
                    : ((string?)null, (string?)null);
                initial.AddRange(store.Range(type.StorageName, start, end).Where(Filter));
            }
            else
            {
                from = long.Parse(query.ResourceVersion, CultureInfo.InvariantCulture);
                if (from < store.OldestWatchableResourceVersion)
                {
                    expired = $"too old resource version: {from} ({store.OldestWatchableResourceVersion})";
                }
            }

            if (expired is null)
            {
                subscription = store.Subscribe(type.StorageName, from, Filter);
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(cancellationToken);

        // Kestrel holds the headers until the first flush; a watch with nothing to report yet must still answer 200 at once.
        await context.Response.Body.FlushAsync(cancellationToken);
        if (subscription is null)
        {
            await WriteEventAsync(context.Response, "ERROR", StatusObjects.Expired(expired!).ToStatus(), cancellationToken);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (query.TimeoutSeconds is int seconds && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            foreach (var obj in initial)
            {
                await WriteEventAsync(context.Response, "ADDED", Shape(obj), timeout.Token);
            }

            await foreach (var change in subscription.Events.ReadAllAsync(timeout.Token))
            {
                await WriteEventAsync(context.Response, change.Type, Shape(change.Object), timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the timeout passed: end the stream.
        }
        finally
        {
            store.Unsubscribe(subscription);
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, JsonObject obj, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, JsonText.Options);
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

using System.Text.Json.Nodes;
using KubeApiEmulator.Api;
using KubeApiEmulator.Routing;
using KubeApiEmulator.Routing.Gateway;

namespace KubeApiEmulator.Admin;

/// <summary>
/// Test hooks under /_emulator/ on the API port (same bearer token): the audit of API requests, the Service
/// upstream map, a routing probe, and where the Gateway listener ports are served.
/// </summary>
internal sealed class AdminEndpoints(AuditLog audit, UpstreamMap upstreams, IngressRouter router, ListenerPortServers listenerPorts)
{
    /// <summary>The path prefix of the admin endpoints.</summary>
    public const string Prefix = "/_emulator";

    /// <summary>Serves one admin request.</summary>
    /// <exception cref="StatusException">404 for an unknown admin path, 400 for a bad body.</exception>
    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value![Prefix.Length..].Trim('/');
        var method = context.Request.Method;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["audit"] when method == "GET":
                await ResponseWriter.WriteAsync(context.Response, 200, AuditDocument(), cancellationToken);
                return;
            case ["audit"] when method == "DELETE":
                audit.Reset();
                await ResponseWriter.WriteAsync(context.Response, 200, new JsonObject { ["items"] = new JsonArray() }, cancellationToken);
                return;
            case ["upstreams"] when method == "GET":
                await ResponseWriter.WriteAsync(context.Response, 200, UpstreamDocument(), cancellationToken);
                return;
            case ["upstreams", var ns, var service] when method is "PUT" or "POST":
                {
                    var body = await RequestBody.ReadNodeAsync(context.Request, allowYaml: false, cancellationToken);
                    var text = body.GetString("url") ?? throw StatusObjects.BadRequest("expected a body {\"url\": \"http://...\"}");
                    if (!UpstreamMap.TryParseUrl(text, out var url, out var error))
                    {
                        throw StatusObjects.BadRequest(error);
                    }

                    upstreams.Set(ns, service, url);
                    await ResponseWriter.WriteAsync(context.Response, 200, UpstreamDocument(), cancellationToken);
                    return;
                }

            case ["upstreams", var ns, var service] when method == "DELETE":
                upstreams.Remove(ns, service);
                await ResponseWriter.WriteAsync(context.Response, 200, UpstreamDocument(), cancellationToken);
                return;
            case ["listeners"] when method == "GET":
                await ResponseWriter.WriteAsync(context.Response, 200, ListenersDocument(), cancellationToken);
                return;
            case ["route"] when method == "GET":
                {
                    var host = context.Request.Query["host"].ToString();
                    var routePath = context.Request.Query["path"].ToString();
                    var result = router.Route(host, routePath.Length == 0 ? "/" : routePath);
                    var document = new JsonObject { ["status"] = result.StatusCode, ["reason"] = result.Reason };
                    if (result.Upstream is Upstream upstream)
                    {
                        document["url"] = upstream.BaseUrl.ToString();
                        document["hostHeader"] = upstream.HostHeader;
                        document["namespace"] = upstream.Route.Namespace;
                        document["ingress"] = upstream.Route.IngressName;
                        document["pathType"] = upstream.Route.PathType;
                        document["path"] = upstream.Route.Path;
                    }

                    await ResponseWriter.WriteAsync(context.Response, 200, document, cancellationToken);
                    return;
                }

            default:
                throw StatusObjects.PathNotFound();
        }
    }

    private JsonObject AuditDocument()
    {
        var items = new JsonArray();
        foreach (var entry in audit.Snapshot())
        {
            items.Add(new JsonObject
            {
                ["verb"] = entry.Verb,
                ["group"] = entry.Group,
                ["resource"] = entry.Resource,
                ["subresource"] = entry.Subresource,
                ["namespace"] = entry.Namespace,
                ["name"] = entry.Name,
                ["code"] = entry.Code,
            });
        }

        return new JsonObject { ["items"] = items };
    }

    private JsonObject ListenersDocument()
    {
        var items = new JsonArray();
        foreach (var binding in listenerPorts.Bindings())
        {
            var item = new JsonObject { ["port"] = binding.ListenerPort, ["protocol"] = binding.Protocol };
            if (binding.LocalPort is { } local)
            {
                item["address"] = "127.0.0.1:" + local.ToString(System.Globalization.CultureInfo.InvariantCulture);
                item["localPort"] = local;
            }
            else
            {
                item["error"] = binding.Error;
            }

            items.Add(item);
        }

        return new JsonObject { ["listeners"] = items };
    }

    private JsonObject UpstreamDocument()
    {
        var map = new JsonObject();
        foreach (var (key, url) in upstreams.Snapshot().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            map[key] = url.ToString();
        }

        return new JsonObject { ["upstreams"] = map };
    }
}

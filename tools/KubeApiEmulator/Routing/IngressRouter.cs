using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Routing;

/// <summary>Routes a request the way an ingress controller would, from the current Ingress and Service objects.</summary>
internal sealed class IngressRouter(ObjectStore store, UpstreamMap upstreams)
{
    private const string UpstreamVhost = "nginx.ingress.kubernetes.io/upstream-vhost";
    private const string NginxBackendProtocol = "nginx.ingress.kubernetes.io/backend-protocol";
    private const string AgicBackendHostname = "appgw.ingress.kubernetes.io/backend-hostname";
    private const string AgicBackendProtocol = "appgw.ingress.kubernetes.io/backend-protocol";
    private readonly Lock _cacheGate = new();
    private RouteTable? _table;
    private long _tableVersion = -1;

    /// <summary>Finds where <paramref name="host"/> and <paramref name="path"/> go.</summary>
    public RouteResult Route(string host, string path)
    {
        var route = CurrentTable().Match(host, path);
        if (route is null)
        {
            return RouteResult.DefaultBackend;
        }

        if (route.Backend["service"] is not JsonObject service)
        {
            return RouteResult.Unavailable($"backend of ingress {route.Namespace}/{route.IngressName} is not a service");
        }

        var serviceName = service.GetString("name") ?? string.Empty;
        var hostHeader = Annotation(route, UpstreamVhost) ?? Annotation(route, AgicBackendHostname);
        var protocol = Annotation(route, NginxBackendProtocol) ?? Annotation(route, AgicBackendProtocol) ?? "HTTP";
        var https = protocol.Equals("HTTPS", StringComparison.OrdinalIgnoreCase) || protocol.Equals("GRPCS", StringComparison.OrdinalIgnoreCase);
        var mapped = upstreams.Find(route.Namespace, serviceName);
        if (mapped is not null)
        {
            return new RouteResult(new Upstream(mapped, hostHeader, route), 200, "mapped");
        }

        StoredObject? stored;
        lock (store.Gate)
        {
            stored = store.Get(ResourceCatalog.Services.StorageName, StorageKeys.For(route.Namespace, serviceName));
        }

        if (stored is null)
        {
            return RouteResult.Unavailable($"service {route.Namespace}/{serviceName} does not exist");
        }

        var serviceObject = stored.ToNode();
        if (serviceObject.GetString("spec", "type") != "ExternalName")
        {
            return RouteResult.Unavailable($"service {route.Namespace}/{serviceName} has no upstream: map it with --upstream {route.Namespace}/{serviceName}=URL or PUT /_emulator/upstreams");
        }

        var port = ResolvePort(service["port"] as JsonObject, serviceObject);
        if (port is null)
        {
            return RouteResult.Unavailable($"service {route.Namespace}/{serviceName} has no port {service["port"]?.ToJsonString()}");
        }

        var externalName = (serviceObject.GetString("spec", "externalName") ?? string.Empty).TrimEnd('.');
        var builder = new UriBuilder(https ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, externalName, port.Value);
        return new RouteResult(new Upstream(builder.Uri, hostHeader, route), 200, "externalName");
    }

    private static int? ResolvePort(JsonObject? backendPort, JsonObject service)
    {
        if (backendPort?["number"] is JsonValue number && number.TryGetValue<int>(out var value) && value > 0)
        {
            return value;
        }

        var name = backendPort.GetString("name");
        var port = (service.Get("spec", "ports") as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => p.GetString("name") == name);
        return port?["port"] is JsonValue portValue && int.TryParse(portValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var resolved) ? resolved : null;
    }

    private static string? Annotation(IngressPath route, string name) =>
        route.Annotations.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private RouteTable CurrentTable()
    {
        var version = store.CollectionVersion(ResourceCatalog.Ingresses.StorageName);
        lock (_cacheGate)
        {
            if (_table is not null && version == _tableVersion)
            {
                return _table;
            }

            List<JsonObject> ingresses;
            lock (store.Gate)
            {
                version = store.CollectionVersion(ResourceCatalog.Ingresses.StorageName);
                ingresses = [.. store.Range(ResourceCatalog.Ingresses.StorageName, null, null).Select(o => o.ToNode())];
            }

            _table = RouteTable.Build(ingresses);
            _tableVersion = version;
            return _table;
        }
    }
}

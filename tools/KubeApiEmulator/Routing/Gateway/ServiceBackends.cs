using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Resolves a Service backend to a URL as the Ingress front does: the upstream map first, then an ExternalName Service.</summary>
internal sealed class ServiceBackends(ObjectStore store, UpstreamMap upstreams)
{
    /// <summary>The upstream base URL, or the status code and reason to answer with.</summary>
    public (Uri? Url, int StatusCode, string Reason) Resolve(BackendTarget backend)
    {
        if (upstreams.Find(backend.Namespace, backend.Name) is { } mapped)
        {
            return (mapped, 200, "mapped");
        }

        StoredObject? stored;
        lock (store.Gate)
        {
            stored = store.Get(ResourceCatalog.Services.StorageName, StorageKeys.For(backend.Namespace, backend.Name));
        }

        if (stored is null)
        {
            return (null, 500, $"service {backend.Namespace}/{backend.Name} does not exist");
        }

        var service = stored.ToNode();
        if (service.GetString("spec", "type") != "ExternalName")
        {
            return (null, 503, $"service {backend.Namespace}/{backend.Name} has no upstream: map it with --upstream {backend.Namespace}/{backend.Name}=URL or PUT /_emulator/upstreams");
        }

        var externalName = (service.GetString("spec", "externalName") ?? string.Empty).TrimEnd('.');
        return (new UriBuilder(Uri.UriSchemeHttp, externalName, backend.Port).Uri, 200, "externalName");
    }
}

using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Options;
using KubeApiEmulator.Routing.Gateway.Tls;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>
/// The current <see cref="GatewayModel"/>, rebuilt on the first read after a write to any collection it depends on,
/// so the front routes by a change as soon as the API call that made it has returned (as the Ingress table does).
/// </summary>
internal sealed class GatewayModelSource(ObjectStore store, EmulatorOptions options, ServingCertificates certificates)
{
    private static readonly ResourceType[] Inputs =
    [
        ResourceCatalog.GatewayClasses, ResourceCatalog.Gateways, ResourceCatalog.HttpRoutes, ResourceCatalog.ReferenceGrants,
        ResourceCatalog.Namespaces, ResourceCatalog.Services, ResourceCatalog.Secrets,
    ];

    private readonly Lock _cacheGate = new();
    private readonly HashSet<string> _controllerNames = new(options.GatewayControllerNames, StringComparer.Ordinal);
    private GatewayModel? _model;
    private long[] _versions = [];

    /// <summary>The controller names this emulator acts for.</summary>
    public IReadOnlySet<string> ControllerNames => _controllerNames;

    /// <summary>The model of the store as it is now.</summary>
    public GatewayModel Current()
    {
        lock (_cacheGate)
        {
            GatewaySnapshot snapshot;
            lock (store.Gate)
            {
                var versions = Inputs.Select(i => store.CollectionVersion(i.StorageName)).ToArray();
                if (_model is not null && versions.SequenceEqual(_versions))
                {
                    return _model;
                }

                _versions = versions;
                snapshot = Read();
            }

            // Certificates are parsed outside the store lock; unchanged Secrets come from the cache.
            snapshot.Certificates = certificates.Resolve(snapshot.CertificateSecrets);
            _model = GatewayModelBuilder.Build(snapshot, _controllerNames);
            return _model;
        }
    }

    private GatewaySnapshot Read()
    {
        var snapshot = new GatewaySnapshot
        {
            Classes = [.. All(ResourceCatalog.GatewayClasses).Select(o => o.ToNode())],
            Gateways = [.. All(ResourceCatalog.Gateways).Select(o => o.ToNode())],
            Routes = [.. All(ResourceCatalog.HttpRoutes).Select(o => o.ToNode())],
            Grants = [.. All(ResourceCatalog.ReferenceGrants).Select(o => o.ToNode())],
        };
        foreach (var ns in All(ResourceCatalog.Namespaces))
        {
            snapshot.NamespaceLabels[ns.Name] = ns.Labels;
        }

        snapshot.Services.UnionWith(All(ResourceCatalog.Services).Select(s => s.Key));
        snapshot.Secrets.UnionWith(All(ResourceCatalog.Secrets).Select(s => s.Key));
        snapshot.CertificateSecrets.AddRange(ReferencedSecrets(snapshot));

        // Parsed nodes fill their members lazily, which is not safe for concurrent readers: front requests and the
        // controller share the model, so every node is filled here, before it is shared.
        foreach (var obj in snapshot.Classes.Concat(snapshot.Gateways).Concat(snapshot.Routes).Concat(snapshot.Grants))
        {
            Materialize(obj);
        }

        return snapshot;
    }

    // Only the Secrets that HTTPS listeners of our Gateways name: a cluster may hold thousands of others (and of Gateways
    // of other controllers). They are handed over as stored (immutable), so parsing waits until outside the store lock.
    private IEnumerable<StoredObject> ReferencedSecrets(GatewaySnapshot snapshot)
    {
        var ourClasses = snapshot.Classes.Where(c => _controllerNames.Contains(c.GetString("spec", "controllerName") ?? string.Empty))
            .Select(c => c.GetString("metadata", "name")).ToHashSet(StringComparer.Ordinal);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var gateway in snapshot.Gateways.Where(g => ourClasses.Contains(g.GetString("spec", "gatewayClassName"))))
        {
            var ns = gateway.GetString("metadata", "namespace") ?? string.Empty;
            foreach (var listener in (gateway.Get("spec", "listeners") as JsonArray ?? []).OfType<JsonObject>().Where(l => l.GetString("protocol") == "HTTPS"))
            {
                foreach (var reference in (listener.Get("tls", "certificateRefs") as JsonArray ?? []).OfType<JsonObject>())
                {
                    if ((reference.GetString("group") ?? string.Empty).Length == 0 && (reference.GetString("kind") ?? "Secret") == "Secret")
                    {
                        keys.Add(StorageKeys.For(reference.GetString("namespace") ?? ns, reference.GetString("name") ?? string.Empty));
                    }
                }
            }
        }

        return keys.Select(key => store.Get(ResourceCatalog.Secrets.StorageName, key)).OfType<StoredObject>();
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private IEnumerable<StoredObject> All(ResourceType type) => store.Range(type.StorageName, null, null);
}

using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Options;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>
/// The current <see cref="GatewayModel"/>, rebuilt on the first read after a write to any collection it depends on,
/// so the front routes by a change as soon as the API call that made it has returned (as the Ingress table does).
/// </summary>
internal sealed class GatewayModelSource(ObjectStore store, EmulatorOptions options)
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

        // Parsed nodes fill their members lazily, which is not safe for concurrent readers: front requests and the
        // controller share the model, so every node is filled here, before it is shared.
        foreach (var obj in snapshot.Classes.Concat(snapshot.Gateways).Concat(snapshot.Routes).Concat(snapshot.Grants))
        {
            Materialize(obj);
        }

        return snapshot;
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

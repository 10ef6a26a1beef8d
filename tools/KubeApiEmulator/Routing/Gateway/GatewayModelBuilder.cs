using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>
/// Works out, as a conformant Gateway controller does, which Gateways and listeners this emulator owns, which
/// HTTPRoutes attach to which listeners (sectionName, port, allowedRoutes, hostnames) and which references resolve.
/// </summary>
internal static class GatewayModelBuilder
{
    /// <summary>The Gateway API group.</summary>
    public const string Group = "gateway.networking.k8s.io";

    /// <summary>Builds the model of <paramref name="snapshot"/> for the controller names in <paramref name="controllerNames"/>.</summary>
    public static GatewayModel Build(GatewaySnapshot snapshot, IReadOnlySet<string> controllerNames)
    {
        var model = new GatewayModel();
        model.Classes.AddRange(snapshot.Classes.Where(c => controllerNames.Contains(c.GetString("spec", "controllerName") ?? string.Empty)));
        var classes = model.Classes.ToDictionary(c => c.GetString("metadata", "name") ?? string.Empty, c => c.GetString("spec", "controllerName") ?? string.Empty, StringComparer.Ordinal);
        foreach (var obj in snapshot.Gateways.Where(g => classes.ContainsKey(g.GetString("spec", "gatewayClassName") ?? string.Empty)))
        {
            var gateway = new GatewayState(obj) { ControllerName = classes[obj.GetString("spec", "gatewayClassName")!] };
            foreach (var spec in (obj.Get("spec", "listeners") as JsonArray ?? []).OfType<JsonObject>())
            {
                var listener = new ListenerState(gateway, spec);
                ResolveListener(listener, snapshot);
                gateway.Listeners.Add(listener);
            }

            // HTTP and HTTPS cannot share a port on one Gateway: both are marked, as implementations do.
            foreach (var port in gateway.Listeners.Where(l => l.SupportedProtocol).GroupBy(l => l.Port).Where(p => p.Select(l => l.Protocol).Distinct().Count() > 1))
            {
                foreach (var listener in port)
                {
                    listener.ProtocolConflict = true;
                }
            }

            model.Gateways.Add(gateway);
        }

        foreach (var obj in snapshot.Routes)
        {
            AddRoute(model, obj, snapshot);
        }

        return model;
    }

    private static void ResolveListener(ListenerState listener, GatewaySnapshot snapshot)
    {
        if (!listener.SupportedProtocol)
        {
            return;
        }

        if (listener.Spec.Get("allowedRoutes", "kinds") is JsonArray { Count: > 0 } kinds)
        {
            foreach (var kind in kinds.OfType<JsonObject>())
            {
                if ((kind.GetString("group") ?? Group) == Group && kind.GetString("kind") == "HTTPRoute")
                {
                    listener.SupportedKinds.Add(new JsonObject { ["group"] = Group, ["kind"] = "HTTPRoute" });
                }
                else
                {
                    listener.UnresolvedRefs ??= ("InvalidRouteKinds", $"route kind {kind.GetString("group") ?? Group}/{kind.GetString("kind")} is not supported");
                }
            }
        }
        else
        {
            listener.SupportedKinds.Add(new JsonObject { ["group"] = Group, ["kind"] = "HTTPRoute" });
        }

        if (listener.Protocol != "HTTPS")
        {
            return;
        }

        var gatewayNamespace = listener.Gateway.Namespace;
        var first = true;
        foreach (var reference in (listener.Spec.Get("tls", "certificateRefs") as JsonArray ?? []).OfType<JsonObject>())
        {
            var ns = reference.GetString("namespace") ?? gatewayNamespace;
            var name = reference.GetString("name") ?? string.Empty;
            if ((reference.GetString("group") ?? string.Empty).Length > 0 || (reference.GetString("kind") ?? "Secret") != "Secret")
            {
                listener.UnresolvedRefs ??= ("InvalidCertificateRef", $"certificateRef {name} is not a core Secret");
            }
            else if (ns != gatewayNamespace && !snapshot.Permits(Group, "Gateway", gatewayNamespace, string.Empty, "Secret", ns, name))
            {
                listener.UnresolvedRefs ??= ("RefNotPermitted", $"certificateRef {ns}/{name} is in another namespace and no ReferenceGrant allows it");
            }
            else if (!snapshot.Secrets.Contains(ns + "/" + name))
            {
                listener.UnresolvedRefs ??= ("InvalidCertificateRef", $"secret {ns}/{name} does not exist");
            }
            else if (snapshot.Certificates.GetValueOrDefault(ns + "/" + name) is not { Context: not null } certificate)
            {
                var problem = snapshot.Certificates.GetValueOrDefault(ns + "/" + name)?.Problem ?? $"secret {ns}/{name} cannot be loaded";
                listener.UnresolvedRefs ??= ("InvalidCertificateRef", problem);
            }
            else if (first)
            {
                // The first reference is the one served; the others are checked and reported, as the specification asks.
                listener.Certificate = certificate;
            }

            first = false;
        }
    }

    private static void AddRoute(GatewayModel model, JsonObject obj, GatewaySnapshot snapshot)
    {
        var routeNamespace = obj.GetString("metadata", "namespace") ?? string.Empty;
        var parents = new List<(JsonObject Ref, GatewayState Gateway)>();
        foreach (var parentRef in (obj.Get("spec", "parentRefs") as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((parentRef.GetString("group") ?? Group) != Group || (parentRef.GetString("kind") ?? "Gateway") != "Gateway")
            {
                continue;
            }

            var ns = parentRef.GetString("namespace") ?? routeNamespace;
            var gateway = model.Gateways.FirstOrDefault(g => g.Namespace == ns && g.Name == parentRef.GetString("name"));
            if (gateway is not null)
            {
                parents.Add((parentRef, gateway));
            }
        }

        if (parents.Count == 0)
        {
            return;
        }

        var rules = new List<RouteRule>();
        var route = new HttpRouteState(obj, rules);
        var index = 0;
        foreach (var rule in (obj.Get("spec", "rules") as JsonArray ?? []).OfType<JsonObject>())
        {
            var backends = new List<BackendTarget>();
            foreach (var backendRef in (rule["backendRefs"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var backend = ResolveBackend(backendRef, routeNamespace, snapshot);
                backends.Add(backend);
                if (backend.Problem is not null)
                {
                    route.UnresolvedRefs ??= (backend.Problem, $"rule {index}: backendRef {backend.Namespace}/{backend.Name}: {ProblemText(backend.Problem)}");
                }

                if ((backendRef["filters"] as JsonArray)?.Count > 0)
                {
                    route.UnsupportedFilter ??= $"rule {index}: backendRef filters are not supported";
                }
            }

            var filters = (rule["filters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var filter in filters.Where(f => f.GetString("type") is "RequestMirror" or "ExtensionRef"))
            {
                route.UnsupportedFilter ??= $"rule {index}: filter {filter.GetString("type")} is not supported";
            }

            rules.Add(new RouteRule(index++, [.. (rule["matches"] as JsonArray ?? []).OfType<JsonObject>()], filters, backends));
        }

        foreach (var (parentRef, gateway) in parents)
        {
            route.Parents.Add(Attach(route, parentRef, gateway, snapshot));
        }

        model.Routes.Add(route);
    }

    private static RouteParent Attach(HttpRouteState route, JsonObject parentRef, GatewayState gateway, GatewaySnapshot snapshot)
    {
        var section = parentRef.GetString("sectionName");
        var port = parentRef["port"] is JsonValue portValue && portValue.TryGetValue<int>(out var number) ? number : (int?)null;
        var candidates = gateway.Listeners.Where(l => (section is null || l.Name == section) && (port is null || l.Port == port)).ToList();
        if (candidates.Count == 0)
        {
            return new RouteParent(parentRef, gateway, false, "NoMatchingParent", "no listener of the Gateway matches the parentRef's sectionName and port");
        }

        var allowed = candidates.Where(l => l.AcceptsHttpRoutes && NamespaceAllowed(l, route.Namespace, snapshot)).ToList();
        if (allowed.Count == 0)
        {
            return new RouteParent(parentRef, gateway, false, "NotAllowedByListeners", "no listener of the Gateway allows this route (allowedRoutes)");
        }

        var matching = allowed.Where(l => route.Hostnames.Count == 0 || route.Hostnames.Any(h => Hostnames.Intersect(l.Hostname, h))).ToList();
        if (matching.Count == 0)
        {
            return new RouteParent(parentRef, gateway, false, "NoMatchingListenerHostname", "no listener hostname of the Gateway matches the route's hostnames");
        }

        if (route.UnsupportedFilter is { } unsupported)
        {
            return new RouteParent(parentRef, gateway, false, "UnsupportedValue", unsupported);
        }

        foreach (var listener in matching.Where(l => !l.Routes.Contains(route)))
        {
            listener.Routes.Add(route);
        }

        return new RouteParent(parentRef, gateway, true, "Accepted", "Route is accepted");
    }

    private static bool NamespaceAllowed(ListenerState listener, string routeNamespace, GatewaySnapshot snapshot) =>
        (listener.Spec.GetString("allowedRoutes", "namespaces", "from") ?? "Same") switch
        {
            "All" => true,
            "Selector" => NamespaceSelector.Matches(listener.Spec.Get("allowedRoutes", "namespaces", "selector") as JsonObject,
                snapshot.NamespaceLabels.GetValueOrDefault(routeNamespace) ?? new Dictionary<string, string>()),
            _ => routeNamespace == listener.Gateway.Namespace,
        };

    private static BackendTarget ResolveBackend(JsonObject backendRef, string routeNamespace, GatewaySnapshot snapshot)
    {
        var ns = backendRef.GetString("namespace") ?? routeNamespace;
        var name = backendRef.GetString("name") ?? string.Empty;
        var port = backendRef["port"] is JsonValue portValue && portValue.TryGetValue<int>(out var number) ? number : 0;
        var weight = backendRef["weight"] is JsonValue weightValue && weightValue.TryGetValue<int>(out var w) ? w : 1;
        string? problem = null;
        if ((backendRef.GetString("group") ?? string.Empty).Length > 0 || (backendRef.GetString("kind") ?? "Service") != "Service")
        {
            problem = "InvalidKind";
        }
        else if (ns != routeNamespace && !snapshot.Permits(Group, "HTTPRoute", routeNamespace, string.Empty, "Service", ns, name))
        {
            problem = "RefNotPermitted";
        }
        else if (!snapshot.Services.Contains(ns + "/" + name))
        {
            problem = "BackendNotFound";
        }

        return new BackendTarget(ns, name, port, weight, problem);
    }

    private static string ProblemText(string problem) => problem switch
    {
        "InvalidKind" => "only core Services are supported backends",
        "RefNotPermitted" => "the Service is in another namespace and no ReferenceGrant allows it",
        _ => "the Service does not exist",
    };
}

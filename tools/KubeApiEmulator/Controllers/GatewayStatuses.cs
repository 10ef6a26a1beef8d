using System.Text.Json.Nodes;
using KubeApiEmulator.Routing.Gateway;

namespace KubeApiEmulator.Controllers;

/// <summary>The status a conformant Gateway controller writes for its GatewayClasses, Gateways and HTTPRoutes.</summary>
internal static class GatewayStatuses
{
    /// <summary>The loopback address the Gateways are reachable at.</summary>
    public const string Address = "127.0.0.1";

    /// <summary>GatewayClass status: Accepted.</summary>
    public static JsonObject ForClass(JsonObject gatewayClass, string now)
    {
        var generation = gatewayClass.Get("metadata", "generation")?.GetValue<long>() ?? 1;
        var conditions = new[] { new Condition("Accepted", true, "Accepted", "Handled by the KubeApiEmulator Gateway controller") };
        return new JsonObject { ["conditions"] = Condition.ToJson(conditions, generation, gatewayClass.Get("status", "conditions") as JsonArray, now) };
    }

    /// <summary>Gateway status: addresses, Accepted/Programmed, and per listener its supported kinds, attached routes and conditions (<paramref name="portProblem"/>: why a listener cannot have its port).</summary>
    public static JsonObject ForGateway(GatewayState gateway, Func<ListenerState, string?> portProblem, string now)
    {
        var previous = gateway.Object["status"];
        var listeners = new JsonArray();
        var accepted = 0;
        var programmed = 0;
        foreach (var listener in gateway.Listeners)
        {
            var conditions = ListenerConditions(listener, portProblem).ToList();
            accepted += conditions[0].Status ? 1 : 0;
            programmed += conditions[1].Status ? 1 : 0;
            var previousListener = (previous?["listeners"] as JsonArray ?? []).FirstOrDefault(l => l.GetString("name") == listener.Name);
            listeners.Add(new JsonObject
            {
                ["name"] = listener.Name,
                ["supportedKinds"] = new JsonArray([.. listener.SupportedKinds.Select(k => k.DeepClone())]),
                ["attachedRoutes"] = listener.Routes.Count,
                ["conditions"] = Condition.ToJson(conditions, gateway.Generation, previousListener?["conditions"] as JsonArray, now),
            });
        }

        var acceptedCondition = accepted == gateway.Listeners.Count
            ? new Condition("Accepted", true, "Accepted", "Gateway is accepted")
            : new Condition("Accepted", accepted > 0, "ListenersNotValid", "Some listeners are not valid");
        var programmedCondition = programmed > 0
            ? new Condition("Programmed", true, "Programmed", "Gateway is programmed")
            : new Condition("Programmed", false, "Invalid", "No listener is programmed");
        return new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["type"] = "IPAddress", ["value"] = Address }),
            ["conditions"] = Condition.ToJson([acceptedCondition, programmedCondition], gateway.Generation, previous?["conditions"] as JsonArray, now),
            ["listeners"] = listeners,
        };
    }

    /// <summary>HTTPRoute status: one parents[] entry per parent handled here; entries of other controllers are kept.</summary>
    public static JsonObject ForRoute(HttpRouteState route, IReadOnlySet<string> controllerNames, string now)
    {
        var previous = route.Object.Get("status", "parents") as JsonArray ?? [];
        var parents = new JsonArray();
        foreach (var parent in route.Parents)
        {
            var old = previous.FirstOrDefault(p => p.GetString("controllerName") == parent.Gateway.ControllerName && JsonNode.DeepEquals(p?["parentRef"], parent.ParentRef));
            var resolved = route.UnresolvedRefs is { } problem
                ? new Condition("ResolvedRefs", false, problem.Reason, problem.Message)
                : new Condition("ResolvedRefs", true, "ResolvedRefs", "All references are resolved");
            Condition[] conditions = [new Condition("Accepted", parent.Accepted, parent.Reason, parent.Message), resolved];
            parents.Add(new JsonObject
            {
                ["parentRef"] = parent.ParentRef.DeepClone(),
                ["controllerName"] = parent.Gateway.ControllerName,
                ["conditions"] = Condition.ToJson(conditions, route.Generation, old?["conditions"] as JsonArray, now),
            });
        }

        foreach (var other in previous.Where(p => !controllerNames.Contains(p.GetString("controllerName") ?? string.Empty)))
        {
            parents.Add(other!.DeepClone());
        }

        return new JsonObject { ["parents"] = parents };
    }

    /// <summary>The status of a route that no longer has a parent handled here: only other controllers' entries remain.</summary>
    public static JsonObject WithoutOwnParents(JsonObject route, IReadOnlySet<string> controllerNames) => new()
    {
        ["parents"] = new JsonArray([.. (route.Get("status", "parents") as JsonArray ?? [])
            .Where(p => !controllerNames.Contains(p.GetString("controllerName") ?? string.Empty)).Select(p => p!.DeepClone())]),
    };

    private static IEnumerable<Condition> ListenerConditions(ListenerState listener, Func<ListenerState, string?> portProblem)
    {
        var accepted = !listener.SupportedProtocol
            ? new Condition("Accepted", false, "UnsupportedProtocol", $"protocol {listener.Protocol} is not supported")
            : portProblem(listener) is { } error
                ? new Condition("Accepted", false, "PortUnavailable", error)
                : new Condition("Accepted", true, "Accepted", "Listener is accepted");
        var programmed = accepted.Status && listener.Routable;
        yield return accepted;
        yield return programmed
            ? new Condition("Programmed", true, "Programmed", "Listener is programmed")
            : new Condition("Programmed", false, "Invalid", "Listener is not programmed");
        yield return listener.UnresolvedRefs is { } problem
            ? new Condition("ResolvedRefs", false, problem.Reason, problem.Message)
            : new Condition("ResolvedRefs", true, "ResolvedRefs", "All references are resolved");
        yield return listener.ProtocolConflict
            ? new Condition("Conflicted", true, "ProtocolConflict", "Another listener uses the port with another protocol")
            : new Condition("Conflicted", false, "NoConflicts", "No conflicts");
    }
}

using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>
/// Routes a request received on a Gateway listener port by the Gateway API rules: the most specific listener
/// hostname, then across the routes attached to it the most specific route hostname, then the match precedence
/// of the specification (exact path, longest prefix, method, headers, query parameters, oldest route, name, rule order).
/// </summary>
internal sealed class GatewayRouter(GatewayModelSource models, ServiceBackends backends)
{
    /// <summary>The decision for <paramref name="request"/> on listener port <paramref name="port"/>, or null when no route rule matches.</summary>
    public GatewayDecision? Route(int port, GatewayRequest request) =>
        Route(models.Current().HttpListeners(port).Where(l => Hostnames.Matches(l.Hostname, request.Host)).ToList(), request);

    /// <summary>The decision for <paramref name="request"/> by the routes of <paramref name="listener"/> alone (the one TLS chose), or null.</summary>
    public GatewayDecision? Route(ListenerState listener, GatewayRequest request) =>
        Hostnames.Matches(listener.Hostname, request.Host) ? Route([listener], request) : null;

    private GatewayDecision? Route(List<ListenerState> listeners, GatewayRequest request)
    {
        if (listeners.Count == 0)
        {
            return null;
        }

        var best = listeners.Max(l => Hostnames.Specificity(l.Hostname));
        var candidates =
            from listener in listeners.Where(l => Hostnames.Specificity(l.Hostname) == best)
            from route in listener.Routes
            let hostScore = RouteHostScore(route, listener, request.Host)
            where hostScore is not null
            from rule in route.Rules
            from match in rule.Matches.Select((m, i) => (Match: m, Index: i))
            where RouteMatching.Matches(match.Match, request)
            let rank = RouteMatching.Rank(match.Match)
            orderby hostScore.Value.NonWildcard descending, hostScore.Value.Length descending,
                rank.Kind descending, rank.Length descending, rank.Method descending, rank.Headers descending, rank.Query descending,
                route.Created, route.Namespace + "/" + route.Name, rule.Index, match.Index
            select (Route: route, Rule: rule, Match: match.Match, Listener: listener);
        var chosen = candidates.FirstOrDefault();
        return chosen.Route is null ? null : Decide(chosen.Route, chosen.Rule, chosen.Match, request, chosen.Listener.Port);
    }

    private static (int NonWildcard, int Length)? RouteHostScore(HttpRouteState route, ListenerState listener, string host)
    {
        if (route.Hostnames.Count == 0)
        {
            return Hostnames.Specificity(listener.Hostname);
        }

        var matching = route.Hostnames.Where(h => Hostnames.Matches(h, host) && Hostnames.Intersect(listener.Hostname, h)).ToList();
        return matching.Count == 0 ? null : matching.Max(Hostnames.Specificity);
    }

    private GatewayDecision Decide(HttpRouteState route, RouteRule rule, JsonObject match, GatewayRequest request, int listenerPort)
    {
        var redirect = Filter(rule, "RequestRedirect", "requestRedirect");
        if (redirect is not null)
        {
            var code = redirect["statusCode"] is JsonValue value && value.TryGetValue<int>(out var given) ? given : 302;
            return new GatewayRedirect(route, rule, code, RedirectLocation.Build(redirect, match, request, listenerPort));
        }

        var live = rule.Backends.Where(b => b.Weight > 0).ToList();
        if (live.Count == 0)
        {
            return new GatewayFailure(route, rule, 500, "the rule has no backend with a weight above zero");
        }

        // Weighted choice; a request that lands on an invalid backend gets 500, as the specification requires.
        var pick = Random.Shared.Next(live.Sum(b => b.Weight));
        var backend = live.First(b => (pick -= b.Weight) < 0);
        if (backend.Problem is not null)
        {
            return new GatewayFailure(route, rule, 500, $"backend {backend.Namespace}/{backend.Name} is invalid: {backend.Problem}");
        }

        var (url, status, reason) = backends.Resolve(backend);
        if (url is null)
        {
            return new GatewayFailure(route, rule, status, reason);
        }

        var rewrite = Filter(rule, "URLRewrite", "urlRewrite");
        var path = PathRewrite.Apply(rewrite?["path"] as JsonObject, match, request.Path);
        return new GatewayForward(route, rule, url, path, rewrite.GetString("hostname"),
            Filter(rule, "RequestHeaderModifier", "requestHeaderModifier"), Filter(rule, "ResponseHeaderModifier", "responseHeaderModifier"));
    }

    private static JsonObject? Filter(RouteRule rule, string type, string field) =>
        rule.Filters.FirstOrDefault(f => f.GetString("type") == type)?[field] as JsonObject;
}

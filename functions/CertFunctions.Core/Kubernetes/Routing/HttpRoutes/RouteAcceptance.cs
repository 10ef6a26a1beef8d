using System.Text.Json.Nodes;
using CertFunctions.Core.Kubernetes.Gateways;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>Reads an HTTPRoute's <c>status.parents</c>: accepted on every listener, refused (with the reason), or not reported yet; pure.</summary>
public static class RouteAcceptance
{
    /// <summary>The verdict for <paramref name="route"/> attached to <paramref name="sections"/> of Gateway <paramref name="gateway"/>.</summary>
    public static RouteVerdict Judge(JsonObject route, string gateway, IReadOnlyList<string> sections)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(sections);
        var generation = route["metadata"]?["generation"] is JsonValue g && g.TryGetValue<long>(out var value) ? value : 1;
        var parents = (route["status"]?["parents"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        string? pending = null;
        var accepted = 0;
        foreach (var section in sections)
        {
            var parent = parents.FirstOrDefault(p =>
                (string?)p["parentRef"]?["name"] == gateway
                && ((string?)p["parentRef"]?["group"] ?? GatewayApi.Group) == GatewayApi.Group
                && (string?)p["parentRef"]?["sectionName"] == section);
            var condition = (parent?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Accepted");
            var observed = condition?["observedGeneration"] is JsonValue o && o.TryGetValue<long>(out var seen) ? seen : generation;
            if (condition is null || observed < generation)
            {
                pending ??= $"listener {section}: not reported yet";
                continue;
            }

            if ((string?)condition["status"] == "True")
            {
                accepted++;
                continue;
            }

            return new RouteVerdict(false, (string?)condition["reason"] ?? "NotAccepted", $"listener {section}: {(string?)condition["message"] ?? "no message"}", null);
        }

        return new RouteVerdict(accepted == sections.Count, null, null, pending);
    }
}

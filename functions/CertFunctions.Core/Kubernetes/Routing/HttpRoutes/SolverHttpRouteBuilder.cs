using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Gateways;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>Builds the solver HTTPRoute that routes a Gateway's challenge paths to the responder; pure.</summary>
public static class SolverHttpRouteBuilder
{
    /// <summary>The label naming the Gateway a challenge object was created for (see <see cref="LabelValue.ForName"/>).</summary>
    public const string GatewayLabel = CertFunctionsAnnotations.Prefix + "gateway";

    /// <summary>Most matches the Gateway API allows in one rule; more tokens get more rules.</summary>
    public const int MatchesPerRule = 64;

    /// <summary>The deterministic solver HTTPRoute name for <paramref name="gateway"/> (one run per Gateway at a time).</summary>
    public static string NameFor(CertificateRef gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return $"{KubernetesNames.Truncate(gateway.Name, 200)}-acme-solver-{LabelValue.ShortHash(gateway.Name)[..6]}";
    }

    /// <summary>The labels of the challenge objects created for <paramref name="gateway"/>.</summary>
    public static Dictionary<string, string> ChallengeLabels(CertificateRef gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return new(StringComparer.Ordinal)
        {
            [CertFunctionsLabels.ManagedBy] = CertFunctionsLabels.ManagedByValue,
            [GatewayLabel] = LabelValue.ForName(gateway.Name),
            [CertFunctionsLabels.Challenge] = "true",
        };
    }

    /// <summary>The label selector finding the challenge objects of <paramref name="gateway"/>.</summary>
    public static string ChallengeSelector(CertificateRef gateway) =>
        string.Join(',', ChallengeLabels(gateway).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>
    /// The route: attached to <paramref name="sections"/> of the Gateway, for <paramref name="hosts"/>, matching each
    /// token's path exactly, and sending it to <paramref name="target"/>.
    /// </summary>
    public static JsonObject Build(CertificateRef gateway, IReadOnlyList<string> sections, IReadOnlyList<string> hosts, IReadOnlyList<string> tokens, SolverHttpRouteTarget target)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(target);
        var labels = new JsonObject();
        foreach (var (key, value) in ChallengeLabels(gateway))
        {
            labels[key] = value;
        }

        var rules = new JsonArray();
        foreach (var chunk in tokens.Distinct(StringComparer.Ordinal).Chunk(MatchesPerRule))
        {
            var rule = new JsonObject
            {
                ["matches"] = new JsonArray([.. chunk.Select(t => (JsonNode)new JsonObject
                {
                    ["path"] = new JsonObject { ["type"] = "Exact", ["value"] = ChallengePaths.For(t) },
                })]),
            };
            AddTarget(rule, target);
            rules.Add(rule);
        }

        return new JsonObject
        {
            ["apiVersion"] = GatewayApi.Group + "/" + GatewayApi.Version,
            ["kind"] = "HTTPRoute",
            ["metadata"] = new JsonObject { ["name"] = NameFor(gateway), ["namespace"] = gateway.Namespace, ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["parentRefs"] = new JsonArray([.. sections.Select(s => (JsonNode)new JsonObject
                {
                    ["group"] = GatewayApi.Group,
                    ["kind"] = "Gateway",
                    ["name"] = gateway.Name,
                    ["sectionName"] = s,
                })]),
                ["hostnames"] = new JsonArray([.. hosts.Select(h => (JsonNode)JsonValue.Create(h))]),
                ["rules"] = rules,
            },
        };
    }

    private static void AddTarget(JsonObject rule, SolverHttpRouteTarget target)
    {
        if (target.Strategy == GatewayRouting.Redirect)
        {
            var to = target.RedirectTo ?? throw new ArgumentException("A redirect target needs the responder's URL.", nameof(target));

            // hostname and statusCode are Core conformance; scheme and port are set only when they differ from the
            // listener's (http, 80), so a plain-http responder needs nothing beyond Core.
            var redirect = new JsonObject { ["hostname"] = to.Host, ["statusCode"] = 302 };
            if (to.Scheme != Uri.UriSchemeHttp)
            {
                redirect["scheme"] = to.Scheme;
            }

            if (!to.IsDefaultPort)
            {
                redirect["port"] = to.Port;
            }

            rule["filters"] = new JsonArray(new JsonObject { ["type"] = "RequestRedirect", ["requestRedirect"] = redirect });
            return;
        }

        rule["backendRefs"] = new JsonArray(new JsonObject { ["name"] = target.ServiceName, ["port"] = target.ServicePort });
        if (target.RewriteHost is { } host)
        {
            rule["filters"] = new JsonArray(new JsonObject { ["type"] = "URLRewrite", ["urlRewrite"] = new JsonObject { ["hostname"] = host } });
        }
    }
}

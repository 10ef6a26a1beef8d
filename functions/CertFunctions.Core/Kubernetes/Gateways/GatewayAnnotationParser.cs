using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>
/// Reads a Gateway's <c>certfunctions.io/*</c> annotations: the Ingress ones that apply (key type, profile, preferred chain,
/// adopt-secret) with the same rules, and <c>certfunctions.io/routing: redirect | backend</c>. The listeners name the
/// Secrets and no solver Ingress is used, so secret-name and solver-preset are refused rather than ignored.
/// </summary>
public static class GatewayAnnotationParser
{
    private static readonly Dictionary<string, GatewayRouting> RoutingValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["redirect"] = GatewayRouting.Redirect,
        ["backend"] = GatewayRouting.Backend,
    };

    /// <summary>Parses the overrides; throws <see cref="InvalidGatewayConfigurationException"/> listing every bad annotation.</summary>
    public static GatewayAnnotationSettings Parse(IReadOnlyDictionary<string, string> annotations, string gatewayDescription)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var errors = new List<string>();
        var rest = annotations.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        GatewayRouting? routing = null;
        if (rest.Remove(CertFunctionsAnnotations.Routing, out var routingText) && !string.IsNullOrWhiteSpace(routingText))
        {
            if (RoutingValues.TryGetValue(routingText.Trim(), out var value))
            {
                routing = value;
            }
            else
            {
                errors.Add($"{CertFunctionsAnnotations.Routing}: \"{routingText}\" is not one of {string.Join(" | ", RoutingValues.Keys)} on a Gateway");
            }
        }

        foreach (var key in new[] { CertFunctionsAnnotations.SecretName, CertFunctionsAnnotations.SolverPreset })
        {
            if (rest.Remove(key))
            {
                errors.Add($"{key} does not apply to a Gateway (its listeners' certificateRefs name the Secrets; the challenge goes through an HTTPRoute)");
            }
        }

        IngressAnnotationSettings? common = null;
        try
        {
            common = IngressAnnotationParser.Parse(rest, gatewayDescription);
        }
        catch (InvalidIngressConfigurationException ex)
        {
            // Its message is about an Ingress; keep only the list of what to fix.
            var fix = ex.Message.IndexOf("Fix: ", StringComparison.Ordinal);
            errors.Add(fix < 0 ? ex.Message : ex.Message[(fix + "Fix: ".Length)..].TrimEnd('.'));
        }

        if (errors.Count > 0 || common is null)
        {
            throw new InvalidGatewayConfigurationException(
                $"Gateway '{gatewayDescription}' has invalid CertFunctions annotations; nothing was changed. Fix: {string.Join("; ", errors)}.");
        }

        return new GatewayAnnotationSettings(routing, common.KeyType, common.Profile, common.PreferredChain, common.AdoptSecret);
    }
}

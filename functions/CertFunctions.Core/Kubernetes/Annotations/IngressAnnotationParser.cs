using System.Text.RegularExpressions;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>Reads opt-in and per-Ingress overrides from annotations, rejecting bad values with one clear message.</summary>
public static partial class IngressAnnotationParser
{
    private static readonly Dictionary<string, RoutingStrategy> RoutingValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["in-place"] = RoutingStrategy.InPlace,
        ["solver-ingress"] = RoutingStrategy.SolverIngress,
    };

    private static readonly Dictionary<string, CertificateKeyType> KeyTypeValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ecdsa-p256"] = CertificateKeyType.EcdsaP256,
        ["ecdsa-p384"] = CertificateKeyType.EcdsaP384,
        ["rsa-2048"] = CertificateKeyType.Rsa2048,
        ["rsa-3072"] = CertificateKeyType.Rsa3072,
        ["rsa-4096"] = CertificateKeyType.Rsa4096,
    };

    private static readonly Dictionary<string, SolverPreset> PresetValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ingress-nginx"] = SolverPreset.IngressNginx,
        ["azure-application-gateway"] = SolverPreset.AzureApplicationGateway,
        ["plain"] = SolverPreset.Plain,
    };

    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        CertFunctionsAnnotations.Enabled,
        CertFunctionsAnnotations.Routing,
        CertFunctionsAnnotations.KeyType,
        CertFunctionsAnnotations.Profile,
        CertFunctionsAnnotations.PreferredChain,
        CertFunctionsAnnotations.SecretName,
        CertFunctionsAnnotations.AdoptSecret,
        CertFunctionsAnnotations.SolverPreset,
        CertFunctionsAnnotations.PresentedPaths,
        CertFunctionsAnnotations.GitOps,
        CertFunctionsAnnotations.ForceInPlace,
        CertFunctionsAnnotations.Issuer,
    };

    /// <summary>True when the Ingress opted in (<c>certfunctions.io/enabled</c> or <c>kubernetes.io/tls-acme</c> is "true") and did not opt out with <c>certfunctions.io/enabled: "false"</c>.</summary>
    public static bool IsOptedIn(IDictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return false;
        }

        if (annotations.TryGetValue(CertFunctionsAnnotations.Enabled, out var enabled))
        {
            return IsTrue(enabled);
        }

        return annotations.TryGetValue(CertFunctionsAnnotations.TlsAcme, out var tlsAcme) && IsTrue(tlsAcme);
    }

    /// <summary>Parses the overrides; throws <see cref="InvalidIngressConfigurationException"/> listing every bad annotation.</summary>
    /// <param name="annotations">The Ingress annotations (may be null).</param>
    /// <param name="ingressDescription">"namespace/name", used in the message.</param>
    public static IngressAnnotationSettings Parse(IDictionary<string, string>? annotations, string ingressDescription)
    {
        annotations ??= new Dictionary<string, string>();
        var errors = new List<string>();

        foreach (var key in annotations.Keys)
        {
            if (key.StartsWith(CertFunctionsAnnotations.Prefix, StringComparison.Ordinal) && !KnownKeys.Contains(key))
            {
                errors.Add($"{key} is not a CertFunctions annotation (known: {string.Join(", ", KnownKeys.Order(StringComparer.Ordinal))})");
            }
        }

        if (annotations.TryGetValue(CertFunctionsAnnotations.Enabled, out var enabled) && !IsBoolean(enabled))
        {
            errors.Add($"{CertFunctionsAnnotations.Enabled}: \"{enabled}\" is not \"true\" or \"false\"");
        }

        var routing = ParseChoice(annotations, CertFunctionsAnnotations.Routing, RoutingValues, errors);
        var keyType = ParseChoice(annotations, CertFunctionsAnnotations.KeyType, KeyTypeValues, errors);
        var preset = ParseChoice(annotations, CertFunctionsAnnotations.SolverPreset, PresetValues, errors);

        var profile = Optional(annotations, CertFunctionsAnnotations.Profile);
        if (profile is not null && !ProfilePattern().IsMatch(profile))
        {
            errors.Add($"{CertFunctionsAnnotations.Profile}: \"{profile}\" is not a profile name (letters, digits, '.', '_', '-', at most 64)");
        }

        var preferredChain = Optional(annotations, CertFunctionsAnnotations.PreferredChain);
        if (preferredChain is not null && (preferredChain.Length > 256 || preferredChain.Any(char.IsControl)))
        {
            errors.Add($"{CertFunctionsAnnotations.PreferredChain}: must be an issuer common name of at most 256 printable characters");
        }

        var secretName = Optional(annotations, CertFunctionsAnnotations.SecretName);
        if (secretName is not null && !KubernetesNames.IsDnsSubdomain(secretName))
        {
            errors.Add($"{CertFunctionsAnnotations.SecretName}: \"{secretName}\" is not a valid Secret name (lowercase letters, digits, '-', '.', at most 253)");
        }

        var issuer = Optional(annotations, CertFunctionsAnnotations.Issuer);
        if (issuer is not null && !KubernetesNames.IsDnsLabel(issuer))
        {
            errors.Add($"{CertFunctionsAnnotations.Issuer}: \"{issuer}\" is not an issuer name (lowercase letters, digits and '-', at most 63)");
        }

        var adopt = false;
        if (annotations.TryGetValue(CertFunctionsAnnotations.AdoptSecret, out var adoptText))
        {
            if (IsBoolean(adoptText))
            {
                adopt = IsTrue(adoptText);
            }
            else
            {
                errors.Add($"{CertFunctionsAnnotations.AdoptSecret}: \"{adoptText}\" is not \"true\" or \"false\"");
            }
        }

        var forceInPlace = ParseBoolean(annotations, CertFunctionsAnnotations.ForceInPlace, errors);
        _ = ParseBoolean(annotations, CertFunctionsAnnotations.GitOps, errors);
        if (errors.Count > 0)
        {
            throw new InvalidIngressConfigurationException(
                $"Ingress '{ingressDescription}' has invalid CertFunctions annotations; nothing was changed. Fix: {string.Join("; ", errors)}.");
        }

        return new IngressAnnotationSettings(routing, keyType, profile, preferredChain, secretName, adopt, preset, issuer) { ForceInPlace = forceInPlace };
    }

    private static bool ParseBoolean(IDictionary<string, string> annotations, string key, List<string> errors)
    {
        if (!annotations.TryGetValue(key, out var text))
        {
            return false;
        }

        if (!IsBoolean(text))
        {
            errors.Add($"{key}: \"{text}\" is not \"true\" or \"false\"");
        }

        return IsTrue(text);
    }

    private static T? ParseChoice<T>(IDictionary<string, string> annotations, string key, Dictionary<string, T> values, List<string> errors)
        where T : struct
    {
        var text = Optional(annotations, key);
        if (text is null)
        {
            return null;
        }

        if (values.TryGetValue(text, out var value))
        {
            return value;
        }

        errors.Add($"{key}: \"{text}\" is not one of {string.Join(" | ", values.Keys)}");
        return null;
    }

    private static string? Optional(IDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsBoolean(string? value) =>
        IsTrue(value) || string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ProfilePattern();
}

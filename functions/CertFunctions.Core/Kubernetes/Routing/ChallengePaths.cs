using System.Text.RegularExpressions;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>The HTTP-01 challenge path of a token.</summary>
public static partial class ChallengePaths
{
    /// <summary>The path prefix every challenge lives under.</summary>
    public const string Prefix = "/.well-known/acme-challenge/";

    /// <summary><c>/.well-known/acme-challenge/&lt;token&gt;</c>; rejects tokens that are not base64url.</summary>
    public static string For(string token) =>
        TokenPattern().IsMatch(token)
            ? Prefix + token
            : throw new ArgumentException($"'{token}' is not an ACME token (base64url characters only).", nameof(token));

    /// <summary>The token of a challenge path, or null when <paramref name="path"/> is not one.</summary>
    public static string? TokenOf(string? path) =>
        path is not null && path.StartsWith(Prefix, StringComparison.Ordinal) && TokenPattern().IsMatch(path.AsSpan(Prefix.Length))
            ? path[Prefix.Length..]
            : null;

    /// <summary>The Ingress pathType string for <paramref name="pathType"/>.</summary>
    public static string PathTypeName(ChallengePathType pathType) => pathType switch
    {
        ChallengePathType.Prefix => "Prefix",
        ChallengePathType.Exact => "Exact",
        _ => "ImplementationSpecific",
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TokenPattern();
}

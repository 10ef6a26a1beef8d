using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Security;

/// <summary>
/// Tokens issued by TokenRequest: JWT-shaped (header, claims, an unverifiable signature) so clients that peek at the
/// claims see the real ones, and valid while unexpired and while the service account keeps its uid.
/// </summary>
internal sealed class ServiceAccountTokens(TimeProvider time)
{
    /// <summary>The audience the API server accepts when a TokenRequest names none.</summary>
    public const string DefaultAudience = "https://kubernetes.default.svc.cluster.local";

    private readonly ConcurrentDictionary<string, IssuedToken> _issued = new(StringComparer.Ordinal);

    /// <summary>Issues a token for the service account; returns it and when it expires.</summary>
    public (string Token, DateTimeOffset Expires) Issue(string ns, string name, string uid, IReadOnlyList<string> audiences, long expirationSeconds)
    {
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(expirationSeconds);
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = DefaultAudience,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid },
            },
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
        };
        var token = Encode("""{"alg":"RS256","kid":"kube-api-emulator"}""") + "." + Encode(claims.ToJsonString()) + "." +
            Base64Url(RandomNumberGenerator.GetBytes(64));
        _issued[token] = new IssuedToken(ns, name, uid, expires);
        return (token, expires);
    }

    /// <summary>The token's service account (namespace, name, uid) while the token is unexpired, else null.</summary>
    public (string Namespace, string Name, string Uid)? Find(string token) =>
        _issued.TryGetValue(token, out var issued) && time.GetUtcNow() < issued.Expires ? (issued.Namespace, issued.Name, issued.Uid) : null;

    private static string Encode(string json) => Base64Url(Encoding.UTF8.GetBytes(json));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record IssuedToken(string Namespace, string Name, string Uid, DateTimeOffset Expires);
}

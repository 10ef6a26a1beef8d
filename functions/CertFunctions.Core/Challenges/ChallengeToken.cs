using System.Buffers;

namespace CertFunctions.Core.Challenges;

/// <summary>Syntax rules for ACME http-01 tokens (RFC 8555 §8.3: base64url, at least 128 bits of entropy).</summary>
public static class ChallengeToken
{
    /// <summary>Longest token we accept; real CAs use 43 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>Shortest token we accept (128 bits in base64url is 22 characters).</summary>
    public const int MinLength = 22;

    private static readonly SearchValues<char> Base64UrlCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>True when <paramref name="token"/> is a well-formed token.</summary>
    public static bool IsValid(string? token)
        => token is { Length: >= MinLength and <= MaxLength } && !token.AsSpan().ContainsAnyExcept(Base64UrlCharacters);
}

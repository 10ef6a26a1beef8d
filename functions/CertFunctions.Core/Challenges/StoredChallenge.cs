namespace CertFunctions.Core.Challenges;

/// <summary>A key authorization as read back from storage.</summary>
/// <param name="Token">The token.</param>
/// <param name="KeyAuthorization">The body to serve.</param>
/// <param name="Hosts">Names the token was published for (empty when unknown).</param>
public sealed record StoredChallenge(string Token, string KeyAuthorization, IReadOnlyList<string> Hosts);

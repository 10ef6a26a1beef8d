namespace CertFunctions.Core.Challenges;

/// <summary>One http-01 challenge to serve: the token, its key authorization and the names it is for.</summary>
/// <param name="Token">The challenge token (base64url).</param>
/// <param name="KeyAuthorization">The key authorization the CA expects (public by design: the CA fetches it over plain HTTP).</param>
/// <param name="Hosts">The names this token validates; the responder may restrict answers to these Host headers.</param>
public sealed record PublishedChallenge(string Token, string KeyAuthorization, IReadOnlyList<string> Hosts);

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>An http-01 challenge of the order (the key authorization is public: the CA fetches it over plain HTTP).</summary>
public sealed record PendingChallenge(string Host, string Token, string KeyAuthorization, Uri ChallengeUrl, Uri AuthorizationUrl);

using System.Text.Json.Serialization;

namespace CertFunctions.Acme;

/// <summary>What to serve for one http-01 challenge: <see cref="KeyAuthorization"/> at http://<see cref="Domain"/>/<see cref="Path"/>.</summary>
public sealed record Http01Challenge(string Domain, string Token, string KeyAuthorization, Uri ChallengeUrl, Uri AuthorizationUrl)
{
    /// <summary>The request path the CA fetches.</summary>
    [JsonIgnore]
    public string Path => "/.well-known/acme-challenge/" + Token;
}

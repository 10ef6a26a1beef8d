using System.Net.Http.Headers;
using Azure.Core;
using k8s.Authentication;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Supplies bearer tokens for the AKS Entra audience from the app's credential.</summary>
/// <remarks>
/// Asked on every API request; no cache of our own: the Azure.Identity credentials cache their tokens and refresh
/// them before they expire, and a second cache here only adds a place to get the expiry wrong.
/// </remarks>
public sealed class AzureAdTokenProvider(TokenCredential credential, string scope) : ITokenProvider
{
    private readonly TokenRequestContext _request = new([scope]);

    /// <inheritdoc />
    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
        return new AuthenticationHeaderValue("Bearer", token.Token);
    }
}

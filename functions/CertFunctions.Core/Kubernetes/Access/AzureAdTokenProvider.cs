using System.Net.Http.Headers;
using Azure.Core;
using k8s.Authentication;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Supplies bearer tokens for the AKS Entra audience, cached and refreshed before they expire.</summary>
public sealed class AzureAdTokenProvider : ITokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AccessToken? _token;

    public AzureAdTokenProvider(TokenCredential credential, string scope, TimeProvider time)
    {
        _credential = credential;
        _request = new TokenRequestContext([scope]);
        _time = time;
    }

    /// <inheritdoc />
    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is null || NeedsRefresh(token.Value))
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                token = _token;
                if (token is null || NeedsRefresh(token.Value))
                {
                    token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
                    _token = token;
                }
            }
            finally
            {
                _lock.Release();
            }
        }

        return new AuthenticationHeaderValue("Bearer", token.Value.Token);
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private bool NeedsRefresh(AccessToken token)
    {
        var now = _time.GetUtcNow();
        if (token.RefreshOn is { } refreshOn && now >= refreshOn)
        {
            return true;
        }

        var lifetimeLeft = token.ExpiresOn - now;
        return lifetimeLeft <= RefreshMargin;
    }
}

using Azure.Core;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Access;

namespace CertFunctions.Core.Tests.Kubernetes.Access;

public sealed class AzureAdTokenProviderTests
{
    [Fact]
    public async Task Each_request_carries_the_credentials_token_for_the_aks_audience()
    {
        var credential = new CountingCredential();
        var provider = new AzureAdTokenProvider(credential, KubernetesOptions.AksServerScope);

        var first = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        var second = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        // The credential (Azure.Identity) owns caching and refresh; the provider asks it every time.
        Assert.Equal("Bearer", first.Scheme);
        Assert.Equal("token-1", first.Parameter);
        Assert.Equal("token-2", second.Parameter);
        Assert.Equal(["6dae42f8-4368-4678-94ff-3960e28e3630/.default"], credential.Scopes);
    }

    private sealed class CountingCredential : TokenCredential
    {
        private int _count;

        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            _count++;
            return ValueTask.FromResult(new AccessToken($"token-{_count}", DateTimeOffset.UtcNow.AddHours(1)));
        }
    }
}

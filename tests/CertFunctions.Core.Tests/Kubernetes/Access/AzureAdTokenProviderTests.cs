using Azure.Core;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Access;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Core.Tests.Kubernetes.Access;

public sealed class AzureAdTokenProviderTests
{
    [Fact]
    public async Task Tokens_for_the_aks_audience_are_cached_and_refreshed_before_expiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var credential = new CountingCredential(time, TimeSpan.FromHours(1));
        using var provider = new AzureAdTokenProvider(credential, KubernetesOptions.AksServerScope, time);

        var first = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(50));
        var cached = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(6));
        var refreshed = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Equal("Bearer", first.Scheme);
        Assert.Equal("token-1", first.Parameter);
        Assert.Equal("token-1", cached.Parameter);
        Assert.Equal("token-2", refreshed.Parameter);
        Assert.Equal(["6dae42f8-4368-4678-94ff-3960e28e3630/.default"], credential.Scopes);
    }

    private sealed class CountingCredential(TimeProvider time, TimeSpan lifetime) : TokenCredential
    {
        private int _count;

        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            _count++;
            return ValueTask.FromResult(new AccessToken($"token-{_count}", time.GetUtcNow() + lifetime));
        }
    }
}

using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Issuance;

/// <summary>Each step runs on a new client built from stored state, as Durable activities in different processes do.</summary>
[Collection(PebbleCollection.Name)]
public sealed class ResumeTests(PebbleFixture pebble)
{
    [Fact]
    public async Task Every_step_runs_from_stored_state_and_a_known_account_costs_no_request()
    {
        await using var session = PebbleSession.Start(pebble);
        var names = PebbleSession.Names(2);
        var keyPem = session.Key.ExportPem();
        var accountUrl = await session.Client.EnsureAccountAsync();

        AcmeClient Resume() => AcmeClient.FromStoredState(session.Http, pebble.DirectoryUri, keyPem, accountUrl);

        Uri orderUrl;
        using (var client = Resume())
        {
            var order = await client.CreateOrderAsync(names);
            orderUrl = order.Url!;
            // Directory, one nonce, newOrder: nothing for the account (5% badNonce may add a retry).
            Assert.InRange(client.RequestCount, 3, 5);
        }

        var challenges = new List<Http01Challenge>();
        using (var client = Resume())
        {
            foreach (var authorizationUrl in (await client.GetOrderAsync(orderUrl)).Authorizations)
            {
                challenges.Add(client.GetHttp01Challenge(await client.GetAuthorizationAsync(authorizationUrl))!);
            }
        }

        foreach (var challenge in challenges)
        {
            session.Server.Add(challenge.Token, challenge.KeyAuthorization);
            using var client = Resume();
            await client.AnswerChallengeAsync(challenge.ChallengeUrl);
        }

        using (var client = Resume())
        {
            foreach (var challenge in challenges)
            {
                Assert.Equal(AcmeStatus.Valid, (await client.WaitForAuthorizationAsync(challenge.AuthorizationUrl)).Status);
            }

            Assert.Equal(AcmeStatus.Ready, (await client.WaitForOrderAsync(orderUrl)).Status);
        }

        using var key = CertificateKey.FromPem(CertificateKey.Generate(CertificateKeyAlgorithm.Rsa2048).ExportPem());
        using (var client = Resume())
        {
            var order = await client.GetOrderAsync(orderUrl);
            await client.FinalizeAsync(order, CsrBuilder.Build(key, names));
        }

        Uri certificateUrl;
        using (var client = Resume())
        {
            var order = await client.WaitForOrderAsync(orderUrl);
            Assert.Equal(AcmeStatus.Valid, order.Status);
            certificateUrl = order.Certificate!;
        }

        using (var client = Resume())
        {
            var chain = await client.DownloadCertificateAsync(certificateUrl);
            Assert.Equal(names, IssuanceTests.DnsNames(chain.Leaf));
            using var rsa = chain.Leaf.GetRSAPublicKey();
            Assert.NotNull(rsa);
            Assert.Equal(CertificateKeyAlgorithm.Rsa2048, key.Algorithm);
        }
    }

    [Fact]
    public async Task Concurrent_orders_on_one_account_all_succeed()
    {
        await using var session = PebbleSession.Start(pebble, AccountKey.Generate());
        await session.Client.CreateAccountAsync();

        var issued = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => IssuanceTests.IssueAsync(session, PebbleSession.Names(2))));

        Assert.Equal(4, issued.Select(i => i.Chain.Leaf.SerialNumber).Distinct().Count());
        foreach (var lease in issued)
        {
            lease.Dispose();
        }
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP384)]
    [InlineData(CertificateKeyAlgorithm.Rsa2048)]
    [InlineData(CertificateKeyAlgorithm.Rsa3072)]
    public async Task Certificate_keys_of_each_type_match_the_issued_certificate(CertificateKeyAlgorithm algorithm)
    {
        await using var session = PebbleSession.Start(pebble);

        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1), new IssueOptions { KeyAlgorithm = algorithm });

        using var restored = CertificateKey.FromPem(issued.Issued.PrivateKeyPem);
        Assert.Equal(algorithm, restored.Algorithm);
        using var withKey = X509Certificate2.CreateFromPem(
            issued.Chain.Leaf.ExportCertificatePem(), issued.Issued.PrivateKeyPem);
        Assert.True(withKey.HasPrivateKey);
    }
}

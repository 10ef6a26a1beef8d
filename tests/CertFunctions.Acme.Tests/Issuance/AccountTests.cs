using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Issuance;

[Collection(PebbleCollection.Name)]
public sealed class AccountTests(PebbleFixture pebble)
{
    [Fact]
    public async Task An_existing_account_is_found_by_its_key()
    {
        await using var session = PebbleSession.Start(pebble);
        var created = await session.Client.CreateAccountAsync(new AccountOptions { Contact = ["mailto:ops@example.test"] });

        using var again = session.NewClient(session.Key);
        var found = await again.FindAccountAsync();

        Assert.Equal(AcmeStatus.Valid, created.Status);
        Assert.Equal(created.Url, found.Url);
        Assert.Equal(created.Url, again.AccountUrl);
    }

    [Fact]
    public async Task Looking_up_an_unknown_account_fails_with_accountDoesNotExist()
    {
        await using var session = PebbleSession.Start(pebble);

        var error = await Assert.ThrowsAsync<AcmeAccountDoesNotExistException>(() => session.Client.FindAccountAsync());

        Assert.Equal(AcmeErrorTypes.AccountDoesNotExist, error.ProblemType);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        Assert.False(error.IsRetryable);
        Assert.Null(session.Client.AccountUrl);
    }

    [Fact]
    public async Task A_made_up_account_url_fails_with_a_typed_error()
    {
        await using var session = PebbleSession.Start(pebble);
        var directory = await session.Client.GetDirectoryAsync();
        using var stranger = session.NewClient(session.Key, new Uri(directory.NewAccount, "/my-account/does-not-exist"));

        var error = await Assert.ThrowsAnyAsync<AcmeProblemException>(() => stranger.CreateOrderAsync(PebbleSession.Names(1)));

        Assert.True(error is AcmeAccountDoesNotExistException or AcmeUnauthorizedException, error.ToString());
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
    }

    [Fact]
    public async Task Contact_can_be_updated()
    {
        await using var session = PebbleSession.Start(pebble);
        await session.Client.CreateAccountAsync(new AccountOptions { Contact = ["mailto:old@example.test"] });

        var updated = await session.Client.UpdateAccountAsync(["mailto:new@example.test"]);

        Assert.Equal(["mailto:new@example.test"], updated.Contact);
    }

    [Fact]
    public async Task Key_rollover_moves_the_account_to_the_new_key()
    {
        await using var session = PebbleSession.Start(pebble);
        var account = await session.Client.CreateAccountAsync();
        using var newKey = AccountKey.Generate(AccountKeyAlgorithm.ES384);

        await session.Client.ChangeAccountKeyAsync(newKey);

        Assert.Same(newKey, session.Client.AccountKey);
        using var withNewKey = session.NewClient(newKey);
        Assert.Equal(account.Url, (await withNewKey.FindAccountAsync()).Url);
        using var withOldKey = session.NewClient(session.Key);
        await Assert.ThrowsAsync<AcmeAccountDoesNotExistException>(() => withOldKey.FindAccountAsync());
        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1));
        Assert.NotNull(issued.Chain.Leaf);
    }

    [Theory]
    [InlineData(AccountKeyAlgorithm.ES256)]
    [InlineData(AccountKeyAlgorithm.ES384)]
    [InlineData(AccountKeyAlgorithm.RS256)]
    public async Task Every_account_key_type_issues_and_survives_a_PEM_round_trip(AccountKeyAlgorithm algorithm)
    {
        await using var session = PebbleSession.Start(pebble, AccountKey.Generate(algorithm));
        var account = await session.Client.CreateAccountAsync();

        using var restored = AccountKey.FromPem(session.Key.ExportPem());
        using var resumed = session.NewClient(restored, account.Url);
        var order = await resumed.CreateOrderAsync(PebbleSession.Names(1));

        Assert.Equal(algorithm, restored.Algorithm);
        Assert.Equal(session.Key.Thumbprint(), restored.Thumbprint());
        Assert.Equal(AcmeStatus.Pending, order.Status);
    }
}

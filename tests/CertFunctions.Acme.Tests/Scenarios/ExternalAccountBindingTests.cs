using System.Security.Cryptography;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Tests.Issuance;
using CertFunctions.Acme.Tests.Support;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Scenarios;

/// <summary>A Pebble that requires external account binding.</summary>
public sealed class ExternalAccountPebble() : DedicatedPebble(new PebbleOptions
{
    ExternalAccountBindingRequired = true,
    ExternalAccountMacKeys = new Dictionary<string, string> { [KeyId] = HmacKey },
})
{
    public const string KeyId = "kid-certfunctions";

    public static readonly string HmacKey = Base64Url.Encode(RandomNumberGenerator.GetBytes(48));
}

public sealed class ExternalAccountBindingTests(ExternalAccountPebble fixture) : IClassFixture<ExternalAccountPebble>
{
    [Fact]
    public async Task An_account_bound_with_the_right_key_is_created_and_issues()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);
        var binding = new ExternalAccountBinding(ExternalAccountPebble.KeyId, ExternalAccountPebble.HmacKey);

        var account = await session.Client.CreateAccountAsync(new AccountOptions { ExternalAccountBinding = binding });
        using var issued = await IssuanceTests.IssueAsync(session, PebbleSession.Names(1));

        Assert.Equal(AcmeStatus.Valid, account.Status);
        Assert.True((await session.Client.GetDirectoryAsync()).Meta?.ExternalAccountRequired);
        Assert.DoesNotContain(ExternalAccountPebble.HmacKey, binding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_HMAC_key_is_refused_with_the_CA_detail()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);
        var wrong = new ExternalAccountBinding(ExternalAccountPebble.KeyId, Base64Url.Encode(RandomNumberGenerator.GetBytes(48)));

        var error = await Assert.ThrowsAnyAsync<AcmeProblemException>(
            () => session.Client.CreateAccountAsync(new AccountOptions { ExternalAccountBinding = wrong }));

        Assert.IsType<AcmeUnauthorizedException>(error);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        Assert.DoesNotContain(wrong.HmacKeyBase64Url, error.Message, StringComparison.Ordinal);
        Assert.Null(session.Client.AccountUrl);
    }

    [Fact]
    public async Task An_account_without_binding_is_refused()
    {
        await using var session = PebbleSession.Start(fixture.Pebble);

        var error = await Assert.ThrowsAnyAsync<AcmeProblemException>(() => session.Client.CreateAccountAsync());

        Assert.Equal(AcmeErrorTypes.ExternalAccountRequired, error.ProblemType);
    }
}

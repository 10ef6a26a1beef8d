using System.Text.Json;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Telemetry;

namespace CertFunctions.Acme;

/// <summary>Account operations.</summary>
public sealed partial class AcmeClient
{
    /// <summary>Creates the account for this key, or returns the existing one (RFC 8555 section 7.3); remembers its URL.</summary>
    public async Task<AcmeAccount> CreateAccountAsync(AccountOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AccountOptions();
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var key = _account.Key;
        JsonElement? binding = null;
        if (options.ExternalAccountBinding is { } eab)
        {
            var jws = JwsEncoder.SignExternalAccountBinding(key, eab.KeyId, Base64Url.Decode(eab.HmacKeyBase64Url), directory.NewAccount);
            binding = JsonSerializer.Deserialize(jws, AcmeJsonContext.Default.JsonElement);
        }

        var payload = Serialize(
            new NewAccountPayload { Contact = options.Contact, TermsOfServiceAgreed = options.TermsOfServiceAgreed ? true : null, ExternalAccountBinding = binding },
            AcmeJsonContext.Default.NewAccountPayload);
        return await NewAccountAsync(directory, key, payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the existing account for this key (onlyReturnExisting); throws <see cref="Errors.AcmeAccountDoesNotExistException"/> when there is none.</summary>
    public async Task<AcmeAccount> FindAccountAsync(CancellationToken cancellationToken = default)
    {
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var payload = Serialize(new NewAccountPayload { OnlyReturnExisting = true }, AcmeJsonContext.Default.NewAccountPayload);
        return await NewAccountAsync(directory, _account.Key, payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the account when its URL is not known yet; returns the account URL without a request otherwise.</summary>
    public async Task<Uri> EnsureAccountAsync(AccountOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_account.Url is { } known)
        {
            return known;
        }

        var account = await CreateAccountAsync(options, cancellationToken).ConfigureAwait(false);
        return account.Url!;
    }

    /// <summary>Reads the account (POST-as-GET).</summary>
    public async Task<AcmeAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var url = RequireAccountUrl();
        var response = await PostAsync(url, AcmeEndpoint.Account, null, cancellationToken).ConfigureAwait(false);
        return response.ReadJson(AcmeJsonContext.Default.AcmeAccount) with { Url = url };
    }

    /// <summary>Replaces the account's contact URLs.</summary>
    public async Task<AcmeAccount> UpdateAccountAsync(IReadOnlyList<string> contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var url = RequireAccountUrl();
        var payload = Serialize(new UpdateAccountPayload { Contact = contact }, AcmeJsonContext.Default.UpdateAccountPayload);
        var response = await PostAsync(url, AcmeEndpoint.Account, payload, cancellationToken).ConfigureAwait(false);
        return response.ReadJson(AcmeJsonContext.Default.AcmeAccount) with { Url = url };
    }

    /// <summary>Deactivates the account for good.</summary>
    public async Task<AcmeAccount> DeactivateAccountAsync(CancellationToken cancellationToken = default)
    {
        var url = RequireAccountUrl();
        var payload = Serialize(new UpdateAccountPayload { Status = "deactivated" }, AcmeJsonContext.Default.UpdateAccountPayload);
        var response = await PostAsync(url, AcmeEndpoint.Account, payload, cancellationToken).ConfigureAwait(false);
        return response.ReadJson(AcmeJsonContext.Default.AcmeAccount) with { Url = url };
    }

    /// <summary>Rolls the account over to <paramref name="newKey"/> (keyChange); later requests sign with it. The caller stores the new key.</summary>
    public async Task ChangeAccountKeyAsync(AccountKey newKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var keyChange = directory.KeyChange ?? throw MissingField("keyChange URL in the directory", DirectoryUrl);
        var current = _account;
        var accountUrl = RequireAccountUrl();
        var inner = JwsEncoder.SignKeyChange(newKey, current.Key, accountUrl, keyChange);
        await _transport.PostAsync(keyChange, AcmeEndpoint.KeyChange, () => inner, () => (current.Key, accountUrl), null, cancellationToken).ConfigureAwait(false);
        _account = new AccountState(newKey, accountUrl);
        AcmeLog.KeyChanged(_logger, accountUrl.Authority);
    }

    private async Task<AcmeAccount> NewAccountAsync(AcmeDirectory directory, AccountKey key, byte[] payload, CancellationToken cancellationToken)
    {
        var response = await _transport.PostAsync(directory.NewAccount, AcmeEndpoint.NewAccount, () => payload, () => (key, null), null, cancellationToken).ConfigureAwait(false);
        var url = response.RequireLocation();
        var account = response.ReadJson(AcmeJsonContext.Default.AcmeAccount) with { Url = url };
        _account = new AccountState(key, url);
        // The account URL identifies the account: logs (exported as telemetry) name only the CA.
        AcmeLog.AccountReady(_logger, url.Authority, account.Status);
        return account;
    }
}

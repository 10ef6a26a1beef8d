using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.EndToEnd.Tests.Issuers;

/// <summary>
/// A local world with two real CAs: the first Pebble as issuer <c>default</c>, a second Pebble that requires external
/// account binding as issuer <c>eab</c> (configured with its key), and the same second Pebble as <c>eab-missing</c>
/// (configured without one), plus <c>restricted</c>, allowed in one namespace only.
/// </summary>
public sealed class TwoIssuerWorldFixture : IAsyncLifetime
{
    /// <summary>The EAB key id Pebble knows.</summary>
    public const string EabKeyId = "kid-e2e";

    /// <summary>Its HMAC key (base64url), a test value.</summary>
    public const string EabHmacKey = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    private LocalWorld? _world;

    /// <summary>The running world.</summary>
    public LocalWorld World => _world ?? throw new InvalidOperationException("The local world is not started.");

    /// <summary>The running local host.</summary>
    public LocalHostProcess Host => World.Host ?? throw new InvalidOperationException("The local host is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            SecondPebble = PebbleOptions.Default with
            {
                ExternalAccountBindingRequired = true,
                ExternalAccountMacKeys = new Dictionary<string, string> { [EabKeyId] = EabHmacKey },
            },
            SecondIssuerNames = ["eab", "eab-missing", "restricted"],
            Settings = new Dictionary<string, string>
            {
                ["Acme:Issuers:eab:EabKeyId"] = EabKeyId,
                ["Acme:Issuers:eab:EabHmacKey"] = EabHmacKey,
                ["Acme:Issuers:restricted:EabKeyId"] = EabKeyId,
                ["Acme:Issuers:restricted:EabHmacKey"] = EabHmacKey,
                ["Acme:Issuers:restricted:AllowedNamespaces"] = "only-this-one",
            },
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}

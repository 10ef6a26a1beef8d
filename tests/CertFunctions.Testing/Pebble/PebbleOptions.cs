namespace CertFunctions.Testing.Pebble;

/// <summary>How a dedicated Pebble instance is configured (defaults match the shared instance).</summary>
public sealed record PebbleOptions
{
    /// <summary>The options of the shared instance: Pebble's default 5% nonce rejection, no validation sleep.</summary>
    public static PebbleOptions Default { get; } = new();

    /// <summary>Percentage of valid nonces Pebble rejects with badNonce (PEBBLE_WFE_NONCEREJECT); null keeps Pebble's 5%.</summary>
    public int? NonceRejectPercent { get; init; }

    /// <summary>Percentage of authorizations Pebble reuses across orders (PEBBLE_AUTHZREUSE); null keeps Pebble's default.</summary>
    public int? AuthorizationReusePercent { get; init; }

    /// <summary>When true the validation authority sleeps before validating (no PEBBLE_VA_NOSLEEP).</summary>
    public bool ValidationSleep { get; init; }

    /// <summary>Upper bound of that sleep in seconds (PEBBLE_VA_SLEEPTIME); null keeps Pebble's default.</summary>
    public int? ValidationSleepSeconds { get; init; }

    /// <summary>Number of alternate root chains (PEBBLE_ALTERNATE_ROOTS); 0 means none.</summary>
    public int AlternateRoots { get; init; }

    /// <summary>Number of intermediates between leaf and root (PEBBLE_CHAIN_LENGTH); null keeps Pebble's 1.</summary>
    public int? ChainLength { get; init; }

    /// <summary>External account binding keys: key id to base64url HMAC key.</summary>
    public IReadOnlyDictionary<string, string> ExternalAccountMacKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>When true Pebble refuses newAccount without an external account binding.</summary>
    public bool ExternalAccountBindingRequired { get; init; }

    /// <summary>Validity of issued certificates (Pebble 2.4 config <c>certificateValidityPeriod</c>, whole seconds); null keeps Pebble's default (5 years).</summary>
    public TimeSpan? CertificateValidityPeriod { get; init; }

    /// <summary>Port Pebble validates http-01 on; null picks a free loopback port.</summary>
    public int? ValidationPort { get; init; }

    /// <summary>How long to wait for Pebble's directory to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

namespace CertFunctions.Acme;

/// <summary>Tuning of an <see cref="AcmeClient"/>: retries and polling bounds.</summary>
public sealed record AcmeClientOptions
{
    /// <summary>How often a request rejected with badNonce is re-sent with a fresh nonce.</summary>
    public int BadNonceRetries { get; init; } = 10;

    /// <summary>First wait between polls when the CA gives no Retry-After; doubles up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan InitialPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest wait between two polls (also caps a CA's Retry-After while polling).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a poll may take in total before <see cref="Errors.AcmeTimeoutException"/>.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Ask for HTTP/2 (negotiated with ALPN; HTTP/1.1 when the CA does not offer it).</summary>
    public bool PreferHttp2 { get; init; }

    /// <summary>Told of every request (endpoint kind, status, duration) for metrics; null: nobody is.</summary>
    public Telemetry.IAcmeRequestObserver? RequestObserver { get; init; }

    /// <summary>The User-Agent sent with every request.</summary>
    public string UserAgent { get; init; } = "CertFunctions.Acme/1.0";
}

namespace CertFunctions.Acme.Errors;

/// <summary>Base of every error this client raises; tells the caller whether and when to retry.</summary>
public class AcmeException : Exception
{
    public AcmeException()
    {
    }

    public AcmeException(string message)
        : base(message)
    {
    }

    public AcmeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the same request may succeed later (after <see cref="RetryAfter"/> when set).</summary>
    public virtual bool IsRetryable => false;

    /// <summary>How long the CA asked the caller to wait, when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The URL of the request that failed.</summary>
    public Uri? RequestUri { get; init; }
}

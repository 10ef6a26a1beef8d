namespace CertFunctions.Core.Storage;

/// <summary>A storage call failed in a way a later attempt may not (timeout, throttling, a server error).</summary>
public sealed class TransientStorageException(int status, string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>The HTTP status storage answered (0 when it did not answer).</summary>
    public int Status { get; } = status;
}

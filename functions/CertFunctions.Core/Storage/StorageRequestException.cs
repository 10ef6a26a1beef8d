namespace CertFunctions.Core.Storage;

/// <summary>Storage refused a call in a way retrying will not fix (400, 403 a missing role, 404, ...).</summary>
public sealed class StorageRequestException(int status, string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>The HTTP status storage answered.</summary>
    public int Status { get; } = status;
}

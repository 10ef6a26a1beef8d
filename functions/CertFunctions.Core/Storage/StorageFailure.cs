using Azure;

namespace CertFunctions.Core.Storage;

/// <summary>Classifies a storage failure by its status code, where it is caught, so retry decisions never read message text.</summary>
public static class StorageFailure
{
    /// <summary>True for statuses worth retrying: no answer (0), 408, 429 and 5xx.</summary>
    public static bool IsTransient(int status) => status is 0 or 408 or 429 or >= 500;

    /// <summary>The typed exception for <paramref name="exception"/>: <see cref="TransientStorageException"/> or <see cref="StorageRequestException"/>.</summary>
    public static Exception From(RequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = $"Storage answered {exception.Status} ({exception.ErrorCode ?? "no error code"}): {exception.Message}";
        return IsTransient(exception.Status)
            ? new TransientStorageException(exception.Status, message, exception)
            : new StorageRequestException(exception.Status, message, exception);
    }
}

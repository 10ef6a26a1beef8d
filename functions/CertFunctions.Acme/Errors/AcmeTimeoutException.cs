namespace CertFunctions.Acme.Errors;

/// <summary>A resource did not reach a final state within the polling bound; the operation can be resumed by URL.</summary>
public sealed class AcmeTimeoutException(string message) : AcmeException(message)
{
    /// <inheritdoc />
    public override bool IsRetryable => true;
}

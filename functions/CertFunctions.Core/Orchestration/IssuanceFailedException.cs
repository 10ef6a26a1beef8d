namespace CertFunctions.Core.Orchestration;

/// <summary>An issuance cannot succeed as requested; retrying the same step will not help.</summary>
public sealed class IssuanceFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IssuanceFailedException()
    {
    }

    /// <summary>Creates the exception with a reason a user can act on.</summary>
    public IssuanceFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public IssuanceFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

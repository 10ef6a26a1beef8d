using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>An authorization became invalid: the CA could not validate the identifier; <see cref="AcmeProblemException.Problem"/> is the challenge error.</summary>
public sealed class AcmeAuthorizationFailedException(AcmeAuthorization authorization, AcmeProblem problem)
    : AcmeProblemException(problem, null, $"Authorization for {authorization?.Identifier.Value} is {authorization?.Status}: {Describe(problem, null)}")
{
    /// <summary>The failed authorization.</summary>
    public AcmeAuthorization Authorization { get; } = authorization!;

    /// <summary>The identifier that failed.</summary>
    public AcmeIdentifier Identifier => Authorization.Identifier;
}

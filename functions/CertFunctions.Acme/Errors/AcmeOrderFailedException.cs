using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>An order became invalid; <see cref="AcmeProblemException.Problem"/> is the order's error (or a synthesized one).</summary>
public sealed class AcmeOrderFailedException(AcmeOrder order, AcmeProblem problem)
    : AcmeProblemException(problem, null, $"Order {order?.Url} is {order?.Status}: {Describe(problem, null)}")
{
    /// <summary>The failed order.</summary>
    public AcmeOrder Order { get; } = order!;
}

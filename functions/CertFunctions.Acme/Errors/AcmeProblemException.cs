using System.Net;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>The CA answered with a problem document: its type, detail, subproblems, HTTP status and Retry-After.</summary>
public class AcmeProblemException : AcmeException
{
    public AcmeProblemException(AcmeProblem problem, HttpStatusCode? httpStatus, string? message = null)
        : base(message ?? Describe(problem, httpStatus))
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        HttpStatus = httpStatus;
    }

    /// <summary>The problem document.</summary>
    public AcmeProblem Problem { get; }

    /// <summary>The ACME error type, e.g. urn:ietf:params:acme:error:rateLimited.</summary>
    public string ProblemType => Problem.Type ?? "about:blank";

    /// <summary>The CA's explanation.</summary>
    public string? Detail => Problem.Detail;

    /// <summary>Problems per identifier.</summary>
    public IReadOnlyList<AcmeProblem> Subproblems => Problem.Subproblems ?? [];

    /// <summary>The HTTP status of the response (null when the problem came inside an order or challenge).</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <inheritdoc />
    public override bool IsRetryable => ProblemType is AcmeErrorTypes.ServerInternal or AcmeErrorTypes.BadNonce
        || (HttpStatus is { } status && (int)status >= 500);

    /// <summary>Formats a problem for messages.</summary>
    protected static string Describe(AcmeProblem problem, HttpStatusCode? httpStatus)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = $"ACME error {problem.Type ?? "about:blank"}" + (httpStatus is { } s ? $" (HTTP {(int)s})" : string.Empty) + $": {problem.Detail}";
        if (problem.Subproblems is { Count: > 0 } subproblems)
        {
            text += " [" + string.Join("; ", subproblems.Select(p => $"{p.Identifier?.Value}: {p.Type} {p.Detail}")) + "]";
        }

        return text;
    }
}

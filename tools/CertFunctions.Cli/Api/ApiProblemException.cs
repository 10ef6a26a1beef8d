namespace CertFunctions.Cli.Api;

/// <summary>Thrown when the API answers with an error; carries the problem for the user.</summary>
internal sealed class ApiProblemException(ApiProblem problem) : Exception(problem?.Title)
{
    /// <summary>The problem the API answered.</summary>
    public ApiProblem Problem { get; } = problem ?? throw new ArgumentNullException(nameof(problem));
}

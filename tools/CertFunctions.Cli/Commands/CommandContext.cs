using CertFunctions.Cli.Api;
using CertFunctions.Cli.Output;
using CertFunctions.Cli.Progress;

namespace CertFunctions.Cli.Commands;

/// <summary>What a command runs with: the API client, the output format and the writers.</summary>
/// <param name="Api">The API client.</param>
/// <param name="Format">Table or JSON.</param>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: progress and problems.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal (a live line) or redirected (plain lines).</param>
internal sealed record CommandContext(ApiClient Api, OutputFormat Format, TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    /// <summary>How often <c>--wait</c> asks for the operation.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>A follower with the display that suits standard error.</summary>
    public OperationFollower Follower()
        => new(Api, ErrorIsTerminal ? new LiveLineDisplay(Error) : new PlainLineDisplay(Error), PollInterval);
}

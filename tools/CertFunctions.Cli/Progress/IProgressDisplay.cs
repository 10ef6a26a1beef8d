using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Progress;

/// <summary>Shows an operation's progress while <c>--wait</c> follows it.</summary>
internal interface IProgressDisplay
{
    /// <summary>Shows the latest snapshot of the operation.</summary>
    void Show(JsonNode operation, TimeSpan elapsed);

    /// <summary>Ends the display (the next output starts on a fresh line).</summary>
    void Finish();
}

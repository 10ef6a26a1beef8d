using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Progress;

/// <summary>When output is redirected: a plain line each time the status, step or detail changes, no control characters.</summary>
internal sealed class PlainLineDisplay(TextWriter writer) : IProgressDisplay
{
    private string? _state;

    /// <inheritdoc />
    public void Show(JsonNode operation, TimeSpan elapsed)
    {
        var state = ProgressLine.StateOf(operation);
        if (state == _state)
        {
            return;
        }

        _state = state;
        writer.WriteLine(ProgressLine.Format(operation, elapsed));
        writer.Flush();
    }

    /// <inheritdoc />
    public void Finish()
    {
    }
}

using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Progress;

/// <summary>On a terminal: one line rewritten in place, so the elapsed time ticks; a step that ends stays on screen.</summary>
internal sealed class LiveLineDisplay(TextWriter writer) : IProgressDisplay
{
    private string? _state;
    private bool _open;

    /// <inheritdoc />
    public void Show(JsonNode operation, TimeSpan elapsed)
    {
        var state = ProgressLine.StateOf(operation);
        if (_open && _state is not null && state != _state)
        {
            // Keep the finished step's line and start a new one, so the steps read as a history.
            writer.WriteLine();
        }

        _state = state;
        writer.Write("\r\u001b[2K" + ProgressLine.Format(operation, elapsed));
        writer.Flush();
        _open = true;
    }

    /// <inheritdoc />
    public void Finish()
    {
        if (_open)
        {
            writer.WriteLine();
            _open = false;
        }
    }
}

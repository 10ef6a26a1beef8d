using System.Text.Json.Nodes;
using CertFunctions.Cli.Progress;

namespace CertFunctions.Cli.Tests;

/// <summary>The two progress displays of <c>--wait</c>: a live line on a terminal, plain lines when redirected.</summary>
public sealed class ProgressDisplayTests
{
    private static readonly JsonNode Routing = Operation("Running", "PresentingChallenges", null);
    private static readonly JsonNode Checking = Operation("Running", "SelfChecking", "waiting 00:00:06 after routing");
    private static readonly JsonNode Done = Operation("Completed", "Completed", null);

    [Fact]
    public void Plain_lines_are_written_once_per_change_without_control_characters()
    {
        using var writer = new StringWriter();
        var display = new PlainLineDisplay(writer);

        display.Show(Routing, TimeSpan.FromSeconds(0.4));
        display.Show(Routing, TimeSpan.FromSeconds(0.9));
        display.Show(Checking, TimeSpan.FromSeconds(1.2));
        display.Show(Done, TimeSpan.FromSeconds(7.5));
        display.Finish();

        Assert.Equal(
            "[   0.4s] Running  PresentingChallenges\n[   1.2s] Running  SelfChecking  waiting 00:00:06 after routing\n[   7.5s] Completed  Completed\n",
            writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_live_line_is_rewritten_in_place_and_a_finished_step_keeps_its_line()
    {
        using var writer = new StringWriter();
        var display = new LiveLineDisplay(writer);

        display.Show(Checking, TimeSpan.FromSeconds(1));
        display.Show(Checking, TimeSpan.FromSeconds(2));
        display.Show(Done, TimeSpan.FromSeconds(3));
        display.Finish();

        // Not ReplaceLineEndings: it would turn the carriage returns under test into newlines.
        var text = writer.ToString();
        Assert.Equal(3, text.Split("\r\u001b[2K").Length - 1);
        var lines = text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("[   2.0s] Running  SelfChecking  waiting 00:00:06 after routing", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("[   3.0s] Completed  Completed", lines[1], StringComparison.Ordinal);
    }

    private static JsonNode Operation(string status, string step, string? detail)
        => new JsonObject { ["status"] = status, ["progress"] = new JsonObject { ["step"] = step, ["detail"] = detail } };
}

using System.Text.Json.Nodes;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Tests;

/// <summary>The undelivered notifications as the CLI shows them: one row each, and a line when the server cut the list.</summary>
public sealed class UndeliveredTableTests
{
    private static readonly JsonNode Item = JsonNode.Parse("""
        {"id":"0123456789abcdef0123456789abcdef","eventId":"e1","event":"failed","certificate":"prod/shop/web","webhook":"ops",
         "reason":"unreachable","at":"2026-12-05T06:00:00Z","failedAt":"2026-12-05T12:30:00Z"}
        """)!;

    [Fact]
    public void A_record_without_an_answer_reads_none_in_the_answer_column()
    {
        var table = UndeliveredTable.Render(new JsonObject { ["count"] = 1, ["total"] = 1, ["items"] = new JsonArray(Item.DeepClone()) });

        var row = table.Split('\n')[1];
        Assert.Matches(@"^0123456789abcdef0123456789abcdef\s+failed\s+prod/shop/web\s+ops\s+none\s+2026-12-05 12:30 UTC\s+unreachable$", row);
    }

    [Theory]
    [InlineData(1, 1, null)]
    [InlineData(100, 250, "The 100 oldest of 250 are shown; redeliver them to see the rest.")]
    public void The_list_says_when_the_server_cut_it(int count, int total, string? expected)
    {
        Assert.Equal(expected, UndeliveredTable.Cut(new JsonObject { ["count"] = count, ["total"] = total }));
    }
}

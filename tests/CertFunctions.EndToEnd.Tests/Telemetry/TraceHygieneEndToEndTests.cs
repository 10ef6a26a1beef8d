using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace CertFunctions.EndToEnd.Tests.Telemetry;

/// <summary>
/// What the host exports over OTLP for an issuance: spans carrying the instance id and certificate, and no secret in
/// any span or log record (challenge token, hence key authorization; nonce; private key; account URL).
/// </summary>
public sealed partial class TraceHygieneEndToEndTests(TelemetryWorldFixture fixture) : IClassFixture<TelemetryWorldFixture>
{
    [Fact]
    public async Task Spans_name_the_issuance_and_no_export_holds_a_secret()
    {
        Assert.Equal("Completed", (string?)fixture.Operation["status"]);
        var instanceId = (string)fixture.Operation["id"]!;

        // One trace from the API call to the CA: the request, the start, the engine's orchestration and activity spans,
        // each step's span, and the HTTP calls of the steps. The exporter sends batches every 200 ms and the operation
        // reads Completed right after the last step, so each is awaited: the last batch may still be on its way.
        foreach (var expected in new[]
        {
            instanceId, "certfunctions start issuance", "certfunctions.instance_id", fixture.Namespace, "acme.endpoint", "/{acme:NewOrder}",
            "POST /api/certificates", "create_orchestration:IssueCertificateOrchestrator", "orchestration:IssueCertificateOrchestrator",
            "activity:PrepareIssuanceActivity", "certfunctions PrepareIssuanceActivity", "certfunctions CompleteIssuanceActivity",
            "POST acme NewOrder", "POST acme Finalize",
        })
        {
            _ = await WaitForAsync("traces", expected);
        }

        var bodies = fixture.Receiver.Bodies("traces");
        var trace = Assert.Single(TraceIds(bodies, "certfunctions start issuance"));
        foreach (var span in new[] { "orchestration:IssueCertificateOrchestrator", "certfunctions PrepareIssuanceActivity", "certfunctions CompleteIssuanceActivity", "POST acme Finalize" })
        {
            Assert.Equal([trace], TraceIds(bodies, span));
        }
        _ = await WaitForAsync("logs", "observed");
        _ = await WaitForAsync("metrics", "certfunctions.issuance.completed");

        var tokens = await TokensOfTheIssuanceAsync();
        Assert.NotEmpty(tokens);
        foreach (var (signal, body) in fixture.Receiver.All)
        {
            var text = Encoding.UTF8.GetString(body);
            foreach (var token in tokens)
            {
                // The key authorization is the token plus the key thumbprint: without the token, neither is there.
                var at = text.IndexOf(token, StringComparison.Ordinal);
                Assert.True(at < 0, $"{signal} export holds challenge token {token}: …{(at < 0 ? string.Empty : Printable(text[Math.Max(0, at - 300)..Math.Min(text.Length, at + 100)]))}…");
            }

            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Replay-Nonce", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"protected\"", text, StringComparison.Ordinal);
            // Pebble's account URLs are /my-account/<id>.
            Assert.DoesNotContain("/my-account/", text, StringComparison.Ordinal);
            if (signal != "logs")
            {
                // Order URLs stay in the logs (operators follow an order there); spans and metrics show the endpoint kind.
                Assert.DoesNotContain("/my-order/", text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// The trace ids of spans named <paramref name="name"/>: in OTLP a span is field 1 (trace id, 16 bytes) then field 2
    /// (span id, 8 bytes), ... field 5 (name); the trace id is read back from just before the name.
    /// </summary>
    private static HashSet<string> TraceIds(IReadOnlyList<byte[]> bodies, string name)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var marker = Encoding.UTF8.GetBytes(name);
        foreach (var body in bodies)
        {
            for (var at = body.AsSpan().IndexOf(marker); at >= 0;)
            {
                // Search backwards for the span's first field: tag 0x0A, length 16.
                for (var start = at - 1; start >= 1; start--)
                {
                    if (body[start - 1] == 0x0A && body[start] == 16 && start + 17 < at && body[start + 17] == 0x12)
                    {
                        ids.Add(Convert.ToHexString(body, start + 1, 16));
                        break;
                    }
                }

                var next = body.AsSpan(at + marker.Length).IndexOf(marker);
                at = next < 0 ? -1 : at + marker.Length + next;
            }
        }

        return ids;
    }

    private static string Printable(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);

    private async Task<string> WaitForAsync(string signal, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = string.Join('\n', fixture.Receiver.Bodies(signal).Select(Encoding.UTF8.GetString));
            if (text.Contains(expected, StringComparison.Ordinal))
            {
                return text;
            }

            Assert.False(timeout.IsCancellationRequested, $"no {signal} export mentions {expected} ({fixture.Receiver.Bodies(signal).Count} bodies)");
            await Task.Delay(250, CancellationToken.None);
        }
    }

    /// <summary>The challenge tokens of the issuance, read back from its Durable history (activity inputs and outputs).</summary>
    private async Task<HashSet<string>> TokensOfTheIssuanceAsync()
    {
        var world = fixture.World;
        var tables = new TableServiceClient(world.Azurite.ConnectionString);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in tables.Query().Select(t => t.Name).Where(n => n.StartsWith(world.TaskHub, StringComparison.OrdinalIgnoreCase)))
        {
            await foreach (var entity in tables.GetTableClient(name).QueryAsync<TableEntity>())
            {
                foreach (var value in entity.Select(p => p.Value).OfType<string>())
                {
                    foreach (Match match in TokenPattern().Matches(value))
                    {
                        tokens.Add(match.Groups[1].Value);
                    }
                }
            }
        }

        return tokens;
    }

    [GeneratedRegex("\\\\?\"[Tt]oken\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z0-9_-]{20,})")]
    private static partial Regex TokenPattern();
}

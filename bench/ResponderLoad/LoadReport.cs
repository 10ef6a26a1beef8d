using System.Globalization;
using System.Text;

namespace ResponderLoad;

/// <summary>Builds the markdown results for the responder under load (issue 7).</summary>
internal static class LoadReport
{
    public static string Build(LoadOptions options, IReadOnlyList<Scenario> scenarios, string loadBefore, string loadAfter)
    {
        var text = new StringBuilder();
        text.AppendLine("# Challenge responder under load (issue 7)").AppendLine();
        text.AppendLine(Inv($"- Recorded {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bench/ResponderLoad/run.sh` (`dotnet run -c Release --project bench/ResponderLoad`)."));
        text.AppendLine(Inv($"- Product code measured: commit {SourceVersion.Describe(CertFunctions.Testing.Processes.ProgramLocator.RepositoryRoot)}."));
        text.AppendLine(Inv($"- Machine: {Machine.Describe()}. Load average (1/5/15 min) before: {loadBefore}, after: {loadAfter} — shared with other engineers' builds and tests; wrk, the server and Azurite share the same 2 CPUs."));
        text.AppendLine(Inv($"- Load: `wrk -t {options.Threads} -c {options.Connections} -d {options.DurationSeconds}s --timeout 5s --latency` on 127.0.0.1, after a 2 s untimed warm-up per URL. Random tokens: `bench/ResponderLoad/random-token.lua` (a fresh 43-character base64url token per request)."));
        text.AppendLine("- Host: `functions/CertFunctions.Local` (Release, its own process) with the local world's settings (Responder:TokenListTtl default: 250 ms since commit 0bef885, 1 s before; Responder:PositiveCacheTtl default 30 s; RequireKnownHost false), its storage on an Azurite started with `--debug <file>`. One token published as a blob in `acme-challenges` with `hosts`/`owner` metadata, as ChallengeTokenStore writes it.");
        text.AppendLine("- Storage calls = blob requests on the `acme-challenges` container in Azurite's debug log during the timed run (`comp=list` = token listing; GET = token read). Durable Task's own queue/table polling is not counted.");
        text.AppendLine(Inv($"- Reference: {NginxReference.Describe()} serving the same body, in the same run, stopped afterwards.")).AppendLine();
        text.AppendLine("| server | tokens | requests/s | p50 (ms) | p99 (ms) | max (ms) | requests | non-2xx | socket errors | storage list / read | storage calls per request |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var s in scenarios)
        {
            var storage = s.Storage is { } st ? Inv($"{st.List} / {st.Read}") : "–";
            var per = s.StoragePerRequest is { } p ? p.ToString("0.000000", CultureInfo.InvariantCulture) : "–";
            text.AppendLine(Inv($"| {s.Server} | {s.Tokens} | {s.Wrk.RequestsPerSecond:0} | {s.Wrk.P50Ms:0.00} | {s.Wrk.P99Ms:0.00} | {s.Wrk.MaxMs:0.00} | {s.Wrk.Requests} | {s.Wrk.Non2xx} | {s.Wrk.SocketErrors} | {storage} | {per} |"));
        }

        text.AppendLine().AppendLine("Reading the table:").AppendLine();
        text.AppendLine(Inv($"- Unknown tokens are answered from the token-list snapshot: at most one listing per TokenListTtl, so over {options.DurationSeconds} s about {options.DurationSeconds} listings at a 1 s TTL or {options.DurationSeconds * 4} at 250 ms, whatever the request rate; no per-request read."));
        text.AppendLine("- A known token is read once and then served from the positive cache (30 s).");
        text.AppendLine("- `non-2xx` for random tokens is expected (every answer is 404); for the known token it must be 0.");
        text.AppendLine().AppendLine("Figures, not assertions: no test depends on them.");
        return text.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

namespace AcmeBench;

/// <summary>A client under test: how to start one cold issuance as a process.</summary>
/// <param name="Name">Display name.</param>
/// <param name="CreateStart">Builds the process for (environment, names, scratch folder).</param>
/// <param name="Verify">True when the run really produced a certificate (names, scratch folder, output).</param>
internal sealed record Contender(
    string Name,
    Func<BenchEnvironment, string[], string, System.Diagnostics.ProcessStartInfo> CreateStart,
    Func<string[], string, string, bool> Verify);

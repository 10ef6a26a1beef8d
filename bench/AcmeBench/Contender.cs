namespace AcmeBench;

/// <summary>A client under test: how to start one cold issuance as a process.</summary>
internal sealed record Contender(string Name, Func<BenchEnvironment, string[], string, System.Diagnostics.ProcessStartInfo> CreateStart);

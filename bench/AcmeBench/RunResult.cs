namespace AcmeBench;

/// <summary>One timed issuance.</summary>
internal sealed record RunResult(string Contender, int Names, int Repetition, TimeSpan Elapsed, bool Succeeded, int? Requests, string OutputTail);

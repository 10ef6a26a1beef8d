using System.Collections.Concurrent;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.Hosting;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>One renewal scan as its steps share it: when it began, what it may do, what it counted and the problems it met.</summary>
/// <param name="now">When the scan began; every decision of the scan uses this instant.</param>
/// <param name="options">The renewal settings.</param>
/// <param name="askCa">Whether the CA's renewal windows are checked in this scan (the setting, and the CA offers them).</param>
/// <param name="publishedTokens">The token container as listed before any Ingress was: the sweeps touch only tokens unchanged since.</param>
/// <param name="orchestrations">The host's orchestration gateway (the Functions app makes one per invocation).</param>
public sealed class ScanRun(
    DateTimeOffset now, RenewalOptions options, bool askCa, IReadOnlyList<PublishedToken> publishedTokens, IOrchestrationGateway orchestrations)
{
    private readonly int[] _counts = new int[Enum.GetValues<ScanCounter>().Length];
    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>When the scan began.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The renewal settings.</summary>
    public RenewalOptions Options { get; } = options;

    /// <summary>Whether the CA's renewal windows are checked in this scan.</summary>
    public bool AskCa { get; } = askCa;

    /// <summary>The token container as listed when the scan began.</summary>
    public IReadOnlyList<PublishedToken> PublishedTokens { get; } = publishedTokens;

    /// <summary>The orchestration gateway.</summary>
    public IOrchestrationGateway Orchestrations { get; } = orchestrations;

    /// <summary>Adds <paramref name="amount"/> to <paramref name="counter"/> (steps run in parallel).</summary>
    public void Count(ScanCounter counter, int amount = 1) => Interlocked.Add(ref _counts[(int)counter], amount);

    /// <summary>Records a problem a user can act on; the scan goes on.</summary>
    public void AddProblem(string problem) => _problems.Enqueue(problem);

    /// <summary>The report of everything counted so far.</summary>
    public RenewalScanReport ToReport() => new(
        Get(ScanCounter.Scanned),
        Get(ScanCounter.Due),
        Get(ScanCounter.Started),
        Get(ScanCounter.AlreadyRunning),
        Get(ScanCounter.BackingOff),
        [.. _problems],
        Get(ScanCounter.DueByCaWindow),
        Get(ScanCounter.LeftoversRemoved),
        Get(ScanCounter.AtRisk),
        Get(ScanCounter.StatesRetired),
        Get(ScanCounter.SharedSecret),
        Get(ScanCounter.TokensRemoved));

    private int Get(ScanCounter counter) => Volatile.Read(ref _counts[(int)counter]);
}

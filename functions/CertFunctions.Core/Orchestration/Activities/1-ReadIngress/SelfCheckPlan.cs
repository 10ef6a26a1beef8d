using CertFunctions.Core.SelfCheck;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>The self-check settings captured in history at the start, so replays never depend on configuration.</summary>
public sealed record SelfCheckPlan(SelfCheckMode Mode, int ConsecutivePasses, TimeSpan Interval, TimeSpan Timeout, TimeSpan WaitDuration);

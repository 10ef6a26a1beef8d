namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="ReportOutcomeActivity"/>: the Event for the Ingress and the state to remember.</summary>
public sealed record ReportOutcomeInput(RecordEventInput Event, SaveStateInput State);

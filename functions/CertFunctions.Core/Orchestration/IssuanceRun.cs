using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration.Activities;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration;

/// <summary>The mutable state of one orchestration execution (rebuilt identically on every replay).</summary>
internal sealed class IssuanceRun(TaskOrchestrationContext context, IssueCertificateRequest input)
{
    public TaskOrchestrationContext Context { get; } = context;

    public IssueCertificateRequest Input { get; } = input;

    public IssuancePlan? Plan { get; set; }

    public Uri? OrderUrl { get; set; }

    public bool NeedsCleanup { get; set; }

    public IReadOnlyList<string> Tokens { get; set; } = [];

    public PresentedChallenge? Presented { get; set; }

    public IssuanceResult? Result { get; set; }

    /// <summary>True when the completing activity already recorded the success (Event and state).</summary>
    public bool Reported { get; set; }

    public string? Failure { get; set; }

    /// <summary>Why the challenge routes of a stored certificate could not be removed, when they could not.</summary>
    public string? CleanupWarning { get; set; }

    /// <summary>Why the cleanup activity failed, when it did (a notification names it, success or not).</summary>
    public string? CleanupFailure { get; set; }

    private string? LastError { get; set; }

    public void SetStatus(IssuanceStep step, string? lastError = null, string? detail = null)
    {
        LastError = lastError ?? LastError;
        Context.SetCustomStatus(new IssuanceStatus(step, Plan?.Spec.Hosts, OrderUrl, LastError, detail, Context.CurrentUtcDateTime));
    }
}

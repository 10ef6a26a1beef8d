using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration.Activities;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration;

/// <summary>The mutable state of one orchestration execution (rebuilt identically on every replay).</summary>
internal sealed class IssuanceRun(TaskOrchestrationContext context, IssueCertificateRequest input)
{
    public TaskOrchestrationContext Context { get; } = context;

    public IssueCertificateRequest Input { get; } = input;

    /// <summary>Orchestration time when this run began: the same on every replay.</summary>
    public DateTimeOffset StartedAt { get; } = context.CurrentUtcDateTime;

    /// <summary>The step last reported in the custom status (a failure's kind).</summary>
    public IssuanceStep Step { get; private set; } = IssuanceStep.Scheduled;

    public IssuancePlan? Plan { get; set; }

    public Uri? OrderUrl { get; set; }

    public bool NeedsCleanup { get; set; }

    public IReadOnlyList<string> Tokens { get; set; } = [];

    public PresentedChallenge? Presented { get; set; }

    public IssuanceResult? Result { get; set; }

    /// <summary>True when the completing activity already recorded the success (Event and state).</summary>
    public bool Reported { get; set; }

    /// <summary>Why the run failed; the first one set also fixes <see cref="FailedStep"/>.</summary>
    public string? Failure
    {
        get => _failure;
        set
        {
            if (_failure is null && value is not null)
            {
                FailedStep = Step;
            }

            _failure = value;
        }
    }

    /// <summary>The step the run was in when it failed (cleanup sets its own status afterwards).</summary>
    public IssuanceStep? FailedStep { get; private set; }

    /// <summary>Why the challenge routes of a stored certificate could not be removed, when they could not.</summary>
    public string? CleanupWarning { get; set; }

    /// <summary>Why the cleanup activity failed, when it did (a notification names it, success or not).</summary>
    public string? CleanupFailure { get; set; }

    private string? _failure;

    private string? LastError { get; set; }

    public void SetStatus(IssuanceStep step, string? lastError = null, string? detail = null)
    {
        LastError = lastError ?? LastError;
        Step = step;
        Context.SetCustomStatus(new IssuanceStatus(step, Plan?.Spec.Hosts, OrderUrl, LastError, detail, Context.CurrentUtcDateTime));
    }
}

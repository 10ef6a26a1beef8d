using CertFunctions.Core.Kubernetes.Events;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Records a Kubernetes Event on the Ingress.</summary>
public sealed class RecordEventActivity(IngressEventRecorder recorder) : TaskActivity<RecordEventInput, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(RecordEventActivity);

    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, RecordEventInput input)
        => recorder.RecordAsync(input.Certificate, input.Reason, input.Message, input.Type, CancellationToken.None);
}

using CertFunctions.Core.Kubernetes.Tls;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Adds or updates the Ingress's spec.tls entry for the hosts with our Secret.</summary>
public sealed class AttachTlsActivity(IngressTlsBinder binder) : TaskActivity<AttachTlsInput, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(AttachTlsActivity);

    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, AttachTlsInput input)
    {
        await binder.AttachAsync(input.Certificate, input.Hosts, input.SecretName, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}

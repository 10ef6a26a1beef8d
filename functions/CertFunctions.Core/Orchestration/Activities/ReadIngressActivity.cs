using CertFunctions.Core.Acme;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.SelfCheck;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Reads the Ingress, validates its names and applies the app defaults.</summary>
public sealed class ReadIngressActivity(
    IngressCertificateReader reader,
    IOptions<AcmeOptions> acmeOptions,
    IOptions<SelfCheckOptions> selfCheckOptions) : TaskActivity<CertificateRef, IssuancePlan>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(ReadIngressActivity);

    /// <inheritdoc />
    public override async Task<IssuancePlan> RunAsync(TaskActivityContext context, CertificateRef input)
    {
        var spec = await reader.ReadAsync(input, CancellationToken.None).ConfigureAwait(false);
        var acme = acmeOptions.Value;
        var selfCheck = selfCheckOptions.Value;
        return new IssuancePlan(
            spec,
            spec.KeyType ?? acme.CertificateKeyType,
            spec.Profile ?? acme.Profile,
            spec.PreferredChain ?? acme.PreferredChain,
            acme.DirectoryUrl,
            new SelfCheckPlan(selfCheck.Mode, selfCheck.ConsecutivePasses, selfCheck.Interval, selfCheck.Timeout, selfCheck.WaitDuration));
    }
}

using Microsoft.Extensions.Hosting;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>At start, tries each cluster's access once so a broken one is logged at once rather than at its first use.</summary>
public sealed class ClusterAccessReport(IKubernetesClientProvider clusters) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The provider logs each unavailable cluster; nothing here may stop the host.
        _ = clusters.DescribeAll();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

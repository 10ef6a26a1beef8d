using System.Net;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Patching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Makes sure the responder Service exists in a namespace: creates our ExternalName Service, or checks the configured one.</summary>
public sealed class ResponderServiceProvisioner(IKubernetesClientProvider clients, IOptions<ChallengeRoutingOptions> options, IOptions<KubernetesOptions> kubernetes, ILogger<ResponderServiceProvisioner> logger)
{
    private readonly IKubernetesClientProvider _clients = clients;
    private readonly ChallengeRoutingOptions _options = options.Value;
    private readonly KubernetesOptions _kubernetes = kubernetes.Value;
    private readonly ILogger<ResponderServiceProvisioner> _logger = logger;

    /// <summary>Ensures the responder Service of <paramref name="namespace"/>; throws <see cref="ResponderServiceMissingException"/> when it must pre-exist and does not.</summary>
    public async Task<ResponderService> EnsureAsync(string cluster, string @namespace, CancellationToken cancellationToken)
    {
        var client = _clients.GetClient(cluster);
        var name = _options.ResponderServiceName;
        var port = _options.ResponderServicePort;
        var externalName = string.IsNullOrWhiteSpace(_options.ResponderExternalName) ? null : _options.ResponderExternalName.Trim().ToLowerInvariant();
        var description = $"Service {@namespace}/{name}";

        var existing = await ReadAsync(client, @namespace, name, cancellationToken).ConfigureAwait(false);
        if (externalName is null)
        {
            return existing is null
                ? throw new ResponderServiceMissingException(@namespace, name)
                : new ResponderService(name, port, null, false);
        }

        if (existing is null)
        {
            try
            {
                await KubernetesCall.RunAsync(
                    () => client.CoreV1.CreateNamespacedServiceAsync(NewService(name, externalName, port), @namespace, cancellationToken: cancellationToken),
                    $"create {description}",
                    cancellationToken).ConfigureAwait(false);
                KubernetesLog.ResponderServiceCreated(_logger, @namespace, name, externalName);
                return new ResponderService(name, port, externalName, true);
            }
            catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) == HttpStatusCode.Conflict)
            {
                // Another run created it at the same moment; fall through to the update check.
            }
        }

        await GuardedUpdate.RunAsync(
            description,
            ct => ReadAsync(client, @namespace, name, ct),
            (service, patch) =>
            {
                if (CertFunctionsLabels.IsManagedByUs(service.Metadata.Labels) && service.Spec?.ExternalName != externalName)
                {
                    patch.Replace("/spec/externalName", externalName);
                }

                return Task.CompletedTask;
            },
            (patch, ct) => client.CoreV1.PatchNamespacedServiceAsync(patch, name, @namespace, cancellationToken: ct),
            _kubernetes.ConflictRetries,
            _logger,
            cancellationToken).ConfigureAwait(false);
        return new ResponderService(name, port, externalName, false);
    }

    private static Task<V1Service?> ReadAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesCall.RunOrNullAsync(
            () => client.CoreV1.ReadNamespacedServiceAsync(name, @namespace, cancellationToken: cancellationToken),
            $"read Service {@namespace}/{name}",
            cancellationToken);

    private static V1Service NewService(string name, string externalName, int port) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { [CertFunctionsLabels.ManagedBy] = CertFunctionsLabels.ManagedByValue },
        },
        Spec = new V1ServiceSpec
        {
            Type = "ExternalName",
            ExternalName = externalName,
            Ports = [new V1ServicePort { Name = port == 443 ? "https" : "http", Port = port, Protocol = "TCP" }],
        },
    };
}

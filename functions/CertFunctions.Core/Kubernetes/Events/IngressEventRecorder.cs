using System.Globalization;
using System.Net;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Patching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Events;

/// <summary>Records core/v1 Events on an Ingress or a Gateway; a repeated (reason, message) bumps the count of the same Event. Best effort: failures are logged, not thrown.</summary>
public sealed class IngressEventRecorder(IKubernetesClientProvider clients, IOptions<KubernetesOptions> kubernetes, TimeProvider time, ILogger<IngressEventRecorder> logger)
{
    /// <summary>The reporting component name on our Events.</summary>
    public const string Component = "certfunctions";

    private const int MaxMessageLength = 1024;
    private readonly IKubernetesClientProvider _clients = clients;
    private readonly KubernetesOptions _kubernetes = kubernetes.Value;
    private readonly TimeProvider _time = time;
    private readonly ILogger<IngressEventRecorder> _logger = logger;
    private readonly string _instance = KubernetesNames.Truncate(Component + "-" + Environment.MachineName.ToLowerInvariant(), 128);

    /// <summary>Records the event; the message must be for people and hold no secrets. Returns false when it could not be recorded.</summary>
    public async Task<bool> RecordAsync(CertificateRef certificate, string reason, string message, IngressEventType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var text = message.Length > MaxMessageLength ? message[..(MaxMessageLength - 1)] + "…" : message;
        // A Gateway's Events hash its kind too, so an Ingress and a Gateway of one name never bump each other's Event.
        var key = certificate.IsGateway ? $"Gateway|{type}|{reason}|{text}" : $"{type}|{reason}|{text}";
        var name = $"{KubernetesNames.Truncate(certificate.Name, 200)}.{LabelValue.ShortHash(key)}";
        try
        {
            var client = _clients.GetClient(certificate.Cluster);
            var updated = await CreateAsync(client, certificate, name, reason, text, type, cancellationToken).ConfigureAwait(false);
            if (updated is null)
            {
                // The same (reason, message) was recorded before: bump its count instead of adding a new Event.
                var now = Timestamp(_time.GetUtcNow());
                updated = await GuardedUpdate.RunAsync(
                    $"Event {certificate.Namespace}/{name}",
                    ct => ReadAsync(client, certificate.Namespace, name, ct),
                    (existing, patch) =>
                    {
                        patch.Add("/count", (existing.Count ?? 1) + 1);
                        patch.Add("/lastTimestamp", now);
                        return Task.CompletedTask;
                    },
                    (patch, ct) => client.CoreV1.PatchNamespacedEventAsync(patch, name, certificate.Namespace, cancellationToken: ct),
                    _kubernetes.ConflictRetries,
                    _logger,
                    cancellationToken).ConfigureAwait(false)
                    ?? await CreateAsync(client, certificate, name, reason, text, type, cancellationToken).ConfigureAwait(false);
            }

            KubernetesLog.EventRecorded(_logger, certificate, reason, updated?.Count ?? 1);
            return true;
        }
        catch (KubernetesOperationException ex)
        {
            KubernetesLog.EventFailed(_logger, ex, certificate, reason);
            return false;
        }
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The Event's involvedObject: the Ingress or the Gateway, with its uid and resourceVersion when it still exists.</summary>
    private static async Task<V1ObjectReference> InvolvedObjectAsync(IKubernetes client, CertificateRef certificate, CancellationToken cancellationToken)
    {
        V1ObjectMeta? metadata;
        if (certificate.IsGateway)
        {
            var gateway = await KubernetesCall.RunOrNullAsync(
                () => client.CustomObjects.GetNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.Version, certificate.Namespace, GatewayApi.Gateways, certificate.Name, cancellationToken),
                $"read Gateway {certificate.Namespace}/{certificate.Name}",
                cancellationToken).ConfigureAwait(false);
            var gatewayMetadata = gateway is null ? null : GatewayCertificatesReader.ToObject(gateway)["metadata"];
            metadata = new V1ObjectMeta { Uid = (string?)gatewayMetadata?["uid"], ResourceVersion = (string?)gatewayMetadata?["resourceVersion"] };
        }
        else
        {
            metadata = (await IngressUpdate.ReadAsync(client, certificate, cancellationToken).ConfigureAwait(false))?.Metadata;
        }

        return new V1ObjectReference
        {
            ApiVersion = certificate.IsGateway ? GatewayApi.Group + "/" + GatewayApi.Version : "networking.k8s.io/v1",
            Kind = certificate.Kind.ToString(),
            Name = certificate.Name,
            NamespaceProperty = certificate.Namespace,
            Uid = metadata?.Uid,
            ResourceVersion = metadata?.ResourceVersion,
        };
    }

    private static Task<Corev1Event?> ReadAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesCall.RunOrNullAsync(
            () => client.CoreV1.ReadNamespacedEventAsync(name, @namespace, cancellationToken: cancellationToken),
            $"read Event {@namespace}/{name}",
            cancellationToken);

    /// <summary>Creates the Event; null when an Event of that name already exists.</summary>
    private async Task<Corev1Event?> CreateAsync(
        IKubernetes client,
        CertificateRef certificate,
        string name,
        string reason,
        string message,
        IngressEventType type,
        CancellationToken cancellationToken)
    {
        var involved = await InvolvedObjectAsync(client, certificate, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().UtcDateTime;
        var body = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = certificate.Namespace,
                Labels = new Dictionary<string, string> { [CertFunctionsLabels.ManagedBy] = CertFunctionsLabels.ManagedByValue },
            },
            InvolvedObject = involved,
            Reason = reason,
            Message = message,
            Type = type.ToString(),
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = _instance,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            return await KubernetesCall.RunAsync(
                () => client.CoreV1.CreateNamespacedEventAsync(body, certificate.Namespace, cancellationToken: cancellationToken),
                $"create Event {certificate.Namespace}/{name}",
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) == HttpStatusCode.Conflict)
        {
            return null;
        }
    }
}

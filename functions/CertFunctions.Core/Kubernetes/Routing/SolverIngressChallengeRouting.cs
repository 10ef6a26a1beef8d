using System.Net;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Patching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Creates (or updates) a separate solver Ingress for the challenge and deletes it afterwards.</summary>
public sealed class SolverIngressChallengeRouting(
    IKubernetesClientProvider clients,
    IOptions<ChallengeRoutingOptions> options,
    IOptions<KubernetesOptions> kubernetes,
    ResponderProxyTrust proxyTrust,
    ILogger<SolverIngressChallengeRouting> logger)
{
    private readonly IKubernetesClientProvider _clients = clients;
    private readonly ChallengeRoutingOptions _options = options.Value;
    private readonly KubernetesOptions _kubernetes = kubernetes.Value;
    private readonly ILogger<SolverIngressChallengeRouting> _logger = logger;

    /// <summary>Creates or updates the solver Ingress; returns its name and paths.</summary>
    public async Task<(string Name, IReadOnlyList<PresentedPath> Paths)> PresentAsync(
        ChallengeRoutingRequest request,
        ResponderService responder,
        CancellationToken cancellationToken)
    {
        var certificate = request.Certificate;
        var client = _clients.GetClient(certificate.Cluster);
        var user = await IngressUpdate.ReadAsync(client, certificate, cancellationToken).ConfigureAwait(false)
            ?? throw new IngressNotFoundException(certificate);

        // Class: the app setting, else the user's spec.ingressClassName, else the request's, else a copy of the legacy annotation.
        var userClass = NullIfEmpty(user.Spec?.IngressClassName);
        var legacyClass = userClass is null ? IngressCertificateSpecBuilder.IngressClassOf(user) : null;
        var requested = NullIfEmpty(request.IngressClassName);
        var className = NullIfEmpty(_options.SolverIngressClassName)
            ?? userClass
            ?? (requested is not null && requested != legacyClass ? requested : null);
        var preset = request.Preset ?? _options.SolverPreset;
        var proxyTrustSecret = preset == SolverPreset.IngressNginx && responder.ExternalName is not null && responder.Port == 443
            ? await proxyTrust.EnsureAsync(certificate.Cluster, certificate.Namespace, cancellationToken).ConfigureAwait(false)
            : null;
        var desired = SolverIngressBuilder.Build(
            certificate,
            request.Hosts,
            request.Tokens,
            responder.Name,
            responder.Port,
            _options.PathType,
            className,
            legacyClass,
            SolverPresetAnnotations.For(preset, responder.ExternalName, responder.Port, proxyTrustSecret));
        var name = desired.Metadata.Name;

        try
        {
            await KubernetesCall.RunAsync(
                () => client.NetworkingV1.CreateNamespacedIngressAsync(desired, certificate.Namespace, cancellationToken: cancellationToken),
                $"create solver Ingress {certificate.Namespace}/{name}",
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) == HttpStatusCode.Conflict)
        {
            await UpdateAsync(client, certificate, desired, cancellationToken).ConfigureAwait(false);
        }

        KubernetesLog.SolverIngressApplied(_logger, certificate.Namespace, name);
        var paths = desired.Spec.Rules
            .SelectMany(r => r.Http.Paths.Select(p => new PresentedPath(r.Host, p.Path, responder.Name, responder.Port, AddedRule: true)))
            .ToList();
        return (name, paths);
    }

    /// <summary>Deletes the named solver Ingress if it is ours; true when something was deleted.</summary>
    public async Task<bool> DeleteAsync(CertificateRef certificate, string name, CancellationToken cancellationToken)
    {
        var client = _clients.GetClient(certificate.Cluster);
        var existing = await ReadAsync(client, certificate.Namespace, name, cancellationToken).ConfigureAwait(false);
        if (existing is null || !IsOurChallenge(existing))
        {
            return false;
        }

        return await DeleteAsync(client, existing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The solver Ingresses of ours labelled for <paramref name="certificate"/>, as they are now.</summary>
    public async Task<IReadOnlyList<LeftoverSolverIngress>> ListForAsync(CertificateRef certificate, CancellationToken cancellationToken) =>
        [.. (await ListOursAsync(_clients.GetClient(certificate.Cluster), certificate, cancellationToken).ConfigureAwait(false))
            .Select(i => new LeftoverSolverIngress(certificate, i.Metadata.Name, i.Metadata.Uid, TokensOf(i)))];

    /// <summary>Deletes every solver Ingress labelled for <paramref name="certificate"/>; returns how many.</summary>
    public async Task<int> DeleteAllAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        var client = _clients.GetClient(certificate.Cluster);
        var deleted = 0;
        foreach (var ingress in await ListOursAsync(client, certificate, cancellationToken).ConfigureAwait(false))
        {
            if (await DeleteAsync(client, ingress, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Every solver Ingress of ours in <paramref name="cluster"/> (all namespaces), with the certificate it serves.</summary>
    /// <remarks>
    /// The owner is the Ingress named in the solver's label, accepted only when the solver's own name is the one
    /// <see cref="SolverIngressBuilder.NameFor"/> derives from it: a label shortened with a hash (names over 63
    /// characters) cannot name the owner, and such a solver is left to its owner's next run.
    /// </remarks>
    public async Task<IReadOnlyList<LeftoverSolverIngress>> ListAllAsync(string cluster, CancellationToken cancellationToken)
    {
        var client = _clients.GetClient(cluster);
        var selector = $"{CertFunctionsLabels.ManagedBy}={CertFunctionsLabels.ManagedByValue},{CertFunctionsLabels.Challenge}=true";
        var list = await KubernetesCall.RunAsync(
            () => client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken),
            $"list solver Ingresses in cluster '{cluster}'",
            cancellationToken).ConfigureAwait(false);
        var found = new List<LeftoverSolverIngress>();
        foreach (var ingress in list.Items ?? [])
        {
            if (!IsOurChallenge(ingress) || !ingress.Metadata.Labels.TryGetValue(CertFunctionsLabels.Ingress, out var owner))
            {
                continue;
            }

            var certificate = new CertificateRef(cluster, ingress.Metadata.NamespaceProperty, owner);
            if (!string.Equals(SolverIngressBuilder.NameFor(certificate), ingress.Metadata.Name, StringComparison.Ordinal))
            {
                continue;
            }

            found.Add(new LeftoverSolverIngress(certificate, ingress.Metadata.Name, ingress.Metadata.Uid, TokensOf(ingress)));
        }

        return found;
    }

    /// <summary>Deletes the solver Ingress only if it is still the object that was seen (same uid); true when deleted.</summary>
    public async Task<bool> DeleteExactAsync(LeftoverSolverIngress solver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(solver);
        var client = _clients.GetClient(solver.Certificate.Cluster);
        try
        {
            return await DeleteAsync(
                client,
                new V1Ingress { Metadata = new V1ObjectMeta { Name = solver.Name, NamespaceProperty = solver.Certificate.Namespace, Uid = solver.Uid } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) is HttpStatusCode.Conflict)
        {
            // Replaced by a newer run's solver since it was seen: that one is not ours to touch.
            return false;
        }
    }

    private static async Task<IEnumerable<V1Ingress>> ListOursAsync(IKubernetes client, CertificateRef certificate, CancellationToken cancellationToken)
    {
        var list = await KubernetesCall.RunAsync(
            () => client.NetworkingV1.ListNamespacedIngressAsync(
                certificate.Namespace,
                labelSelector: SolverIngressBuilder.ChallengeSelector(certificate),
                cancellationToken: cancellationToken),
            $"list solver Ingresses in {certificate.Namespace}",
            cancellationToken).ConfigureAwait(false);
        return (list.Items ?? []).Where(IsOurChallenge);
    }

    private static List<string> TokensOf(V1Ingress ingress) =>
        (ingress.Spec?.Rules ?? [])
            .SelectMany(r => r.Http?.Paths ?? [])
            .Select(p => ChallengePaths.TokenOf(p.Path))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static bool IsOurChallenge(V1Ingress ingress) =>
        CertFunctionsLabels.IsManagedByUs(ingress.Metadata?.Labels)
        && ingress.Metadata!.Labels.TryGetValue(CertFunctionsLabels.Challenge, out var challenge)
        && challenge == "true";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Task<V1Ingress?> ReadAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesCall.RunOrNullAsync(
            () => client.NetworkingV1.ReadNamespacedIngressAsync(name, @namespace, cancellationToken: cancellationToken),
            $"read solver Ingress {@namespace}/{name}",
            cancellationToken);

    private static async Task<bool> DeleteAsync(IKubernetes client, V1Ingress ingress, CancellationToken cancellationToken)
    {
        try
        {
            await KubernetesCall.RunAsync(
                () => client.NetworkingV1.DeleteNamespacedIngressAsync(
                    ingress.Metadata.Name,
                    ingress.Metadata.NamespaceProperty,
                    new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = ingress.Metadata.Uid } },
                    cancellationToken: cancellationToken),
                $"delete solver Ingress {ingress.Metadata.NamespaceProperty}/{ingress.Metadata.Name}",
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) is HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task UpdateAsync(IKubernetes client, CertificateRef certificate, V1Ingress desired, CancellationToken cancellationToken)
    {
        var name = desired.Metadata.Name;
        var updated = await GuardedUpdate.RunAsync(
            $"solver Ingress {certificate.Namespace}/{name}",
            ct => ReadAsync(client, certificate.Namespace, name, ct),
            (current, patch) =>
            {
                if (!IsOurChallenge(current))
                {
                    throw new InvalidIngressConfigurationException(
                        $"Ingress '{certificate.Namespace}/{name}' exists and is not a CertFunctions solver Ingress; rename or delete it.");
                }

                patch.Replace("/spec", desired.Spec);
                patch.SetEntries("/metadata/annotations", current.Metadata.Annotations, desired.Metadata.Annotations.AsReadOnly());
                patch.SetEntries("/metadata/labels", current.Metadata.Labels, desired.Metadata.Labels.AsReadOnly());
                return Task.CompletedTask;
            },
            (patch, ct) => client.NetworkingV1.PatchNamespacedIngressAsync(patch, name, certificate.Namespace, cancellationToken: ct),
            _kubernetes.ConflictRetries,
            _logger,
            cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            // Deleted between our create and our read: create it again.
            await KubernetesCall.RunAsync(
                () => client.NetworkingV1.CreateNamespacedIngressAsync(desired, certificate.Namespace, cancellationToken: cancellationToken),
                $"create solver Ingress {certificate.Namespace}/{name}",
                cancellationToken).ConfigureAwait(false);
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>
/// Derives the certificates a Gateway asks for from its listeners; pure, no API calls. Every HTTPS listener with
/// tls.mode Terminate and a hostname gets a certificate in the Secret its first certificateRef names; listeners
/// naming one Secret share a certificate; every other Terminate listener is reported with why.
/// </summary>
public static class GatewayCertificatesBuilder
{
    /// <summary>Builds what <paramref name="gateway"/> (the object as the API returns it) asks for.</summary>
    public static GatewayCertificates Build(CertificateRef certificate, JsonObject gateway, ReferenceGrants grants)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(grants);
        var listeners = ReadListeners(gateway, certificate.Namespace);
        var problems = new List<ListenerProblem>();
        var groups = new List<(GatewayCertificateReference Secret, List<string> Hosts, List<string> Listeners)>();
        foreach (var listener in listeners.Where(l => l.Protocol == "HTTPS" && l.TlsMode == "Terminate"))
        {
            if (Check(certificate, listener, grants) is { } problem)
            {
                problems.Add(problem);
                continue;
            }

            var secret = listener.CertificateRefs[0];
            var group = groups.FirstOrDefault(g => g.Secret.Namespace == secret.Namespace && g.Secret.Name == secret.Name);
            if (group.Secret is null)
            {
                group = (secret, [], []);
                groups.Add(group);
            }

            if (!group.Hosts.Contains(listener.Hostname!, StringComparer.Ordinal))
            {
                group.Hosts.Add(listener.Hostname!);
            }

            group.Listeners.Add(listener.Name);
        }

        var certificates = new List<GatewayCertificateSpec>();
        foreach (var (secret, hosts, names) in groups)
        {
            if (hosts.Count > HostNameRules.MaxNames)
            {
                problems.AddRange(names.Select(n => new ListenerProblem(n, ListenerProblemReasons.TooManyNames,
                    $"Listener '{n}' shares Secret {secret.Namespace}/{secret.Name} with listeners holding {hosts.Count} hostnames, more than the " +
                    $"{HostNameRules.MaxNames} one certificate may hold: give some of them another Secret.")));
                continue;
            }

            certificates.Add(new GatewayCertificateSpec(certificate, secret.Namespace, secret.Name, hosts, names));
        }

        var metadata = gateway["metadata"] as JsonObject;
        var annotations = Annotations(metadata);
        return new GatewayCertificates(
            certificate,
            IngressAnnotationParser.IsOptedIn(annotations),
            certificates,
            problems,
            listeners,
            Text(metadata, "resourceVersion"),
            Text(metadata, "uid"),
            annotations,
            metadata?["generation"] is JsonValue generation && generation.TryGetValue<long>(out var value) ? value : 0);
    }

    /// <summary>The listeners of <paramref name="gateway"/>, with defaults applied (tls.mode Terminate, certificateRef kind Secret in the Gateway's namespace).</summary>
    public static IReadOnlyList<GatewayListener> ReadListeners(JsonObject gateway, string gatewayNamespace)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var result = new List<GatewayListener>();
        foreach (var listener in (gateway["spec"]?["listeners"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var tls = listener["tls"] as JsonObject;
            var refs = (tls?["certificateRefs"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(r => new GatewayCertificateReference(Text(r, "group") ?? string.Empty, Text(r, "kind") ?? "Secret", Text(r, "namespace") ?? gatewayNamespace, Text(r, "name") ?? string.Empty))
                .ToList();
            var port = listener["port"] is JsonValue value && value.TryGetValue<int>(out var number) ? number : 0;
            var hostname = Text(listener, "hostname");
            result.Add(new GatewayListener(
                Text(listener, "name") ?? string.Empty,
                port,
                (Text(listener, "protocol") ?? string.Empty).ToUpperInvariant(),
                string.IsNullOrWhiteSpace(hostname) ? null : hostname.Trim().ToLowerInvariant(),
                tls is null ? null : Text(tls, "mode") ?? "Terminate",
                refs));
        }

        return result;
    }

    private static ListenerProblem? Check(CertificateRef gateway, GatewayListener listener, ReferenceGrants grants)
    {
        var name = listener.Name;
        if (listener.Hostname is null)
        {
            return new ListenerProblem(name, ListenerProblemReasons.NoHostname,
                $"Listener '{name}' has no hostname, and HTTP-01 validates only named hosts: set spec.listeners[].hostname to get a certificate.");
        }

        if (listener.Hostname.Contains('*', StringComparison.Ordinal))
        {
            return new ListenerProblem(name, ListenerProblemReasons.Wildcard,
                $"Listener '{name}' has the wildcard hostname {listener.Hostname}, which HTTP-01 cannot validate: use a listener per name or a DNS-01 issuer.");
        }

        if (HostNameRules.Check([listener.Hostname]) is { Count: > 0 } hostProblems)
        {
            return new ListenerProblem(name, ListenerProblemReasons.InvalidHostname,
                $"Listener '{name}' cannot get a certificate: {hostProblems[0]}.");
        }

        if (listener.CertificateRefs.Count == 0)
        {
            return new ListenerProblem(name, ListenerProblemReasons.NoCertificateRef,
                $"Listener '{name}' names no tls.certificateRefs (implementation options instead), so there is no Secret to write: add a certificateRef to a Secret.");
        }

        var secret = listener.CertificateRefs[0];
        if (!secret.IsSecret)
        {
            return new ListenerProblem(name, ListenerProblemReasons.UnsupportedCertificateRef,
                $"Listener '{name}': the first certificateRef is {Describe(secret)}, not a core Secret, so there is no Secret to write.");
        }

        if (secret.Namespace != gateway.Namespace && !grants.AllowsSecret(gateway.Namespace, secret.Namespace, secret.Name))
        {
            return new ListenerProblem(name, ListenerProblemReasons.RefNotPermitted, string.Format(
                CultureInfo.InvariantCulture,
                "Listener '{0}' names Secret {1}/{2} in another namespace, and no ReferenceGrant in {1} allows Gateways of {3} to refer to it: " +
                "add a ReferenceGrant (from Gateway in {3}, to Secret {2}); nothing was issued for this listener.",
                name,
                secret.Namespace,
                secret.Name,
                gateway.Namespace));
        }

        return null;
    }

    private static string Describe(GatewayCertificateReference reference) =>
        (reference.Group.Length == 0 ? string.Empty : reference.Group + "/") + reference.Kind + " " + reference.Namespace + "/" + reference.Name;

    private static Dictionary<string, string> Annotations(JsonObject? metadata) =>
        (metadata?["annotations"] as JsonObject ?? [])
            .Where(p => p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    private static string? Text(JsonObject? node, string field) =>
        node?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing;

/// <summary>One path of one Ingress rule (or an Ingress default backend), ready for matching.</summary>
internal sealed record IngressPath(
    string Namespace,
    string IngressName,
    string CreationTimestamp,
    string PathType,
    string Path,
    JsonObject Backend,
    IReadOnlyDictionary<string, string> Annotations);

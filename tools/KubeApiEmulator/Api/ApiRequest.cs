using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Api;

/// <summary>A resource request decoded from its URL and method, as the real server's RequestInfo.</summary>
internal sealed record ApiRequest(string Verb, ResourceType Type, string Namespace, string Name, string Subresource)
{
    /// <summary>True for a namespaced collection or object addressed under /namespaces/{ns}/.</summary>
    public bool HasNamespace => Namespace.Length > 0;
}

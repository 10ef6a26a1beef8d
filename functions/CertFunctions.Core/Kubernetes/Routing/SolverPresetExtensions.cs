namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>What each <see cref="SolverPreset"/> does to the challenge request on its way to the responder.</summary>
public static class SolverPresetExtensions
{
    /// <summary>
    /// True when the controller sends the responder's own host name instead of the certificate's (upstream-vhost,
    /// backend-hostname): a front end that routes by host needs it, and the responder then cannot see the original name.
    /// </summary>
    public static bool RewritesHost(this SolverPreset preset) => preset is SolverPreset.IngressNginx or SolverPreset.AzureApplicationGateway;

    /// <summary>True when <paramref name="routing"/> with <paramref name="preset"/> hides the certificate's host name from the responder.</summary>
    public static bool HidesHostFromResponder(this RoutingStrategy routing, SolverPreset preset)
        => routing == RoutingStrategy.SolverIngress && preset.RewritesHost();
}

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Controller-specific annotations a solver Ingress needs to reach a host-routed responder.</summary>
public static class SolverPresetAnnotations
{
    /// <summary>The annotations for <paramref name="preset"/>; <paramref name="externalName"/> is the responder host when it is an ExternalName Service.</summary>
    public static IReadOnlyDictionary<string, string> For(SolverPreset preset, string? externalName, int servicePort)
    {
        var https = servicePort == 443;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (preset)
        {
            case SolverPreset.IngressNginx:
                annotations["nginx.ingress.kubernetes.io/ssl-redirect"] = "false";
                annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"] = "false";
                if (!string.IsNullOrEmpty(externalName))
                {
                    annotations["nginx.ingress.kubernetes.io/upstream-vhost"] = externalName;
                    annotations["nginx.ingress.kubernetes.io/backend-protocol"] = https ? "HTTPS" : "HTTP";
                    if (https)
                    {
                        // Send the responder's host name as SNI too: a front end that picks the site (or its
                        // certificate) from the TLS handshake must see the same name as the Host header.
                        // ingress-nginx itself applies these only together with proxy-ssl-secret (docs/deploy.md).
                        annotations["nginx.ingress.kubernetes.io/proxy-ssl-server-name"] = "on";
                        annotations["nginx.ingress.kubernetes.io/proxy-ssl-name"] = externalName;
                    }
                }

                break;
            case SolverPreset.AzureApplicationGateway:
                annotations["appgw.ingress.kubernetes.io/ssl-redirect"] = "false";
                if (!string.IsNullOrEmpty(externalName))
                {
                    annotations["appgw.ingress.kubernetes.io/backend-hostname"] = externalName;
                    annotations["appgw.ingress.kubernetes.io/backend-protocol"] = https ? "https" : "http";
                }

                break;
            case SolverPreset.Plain:
                break;
        }

        return annotations;
    }
}

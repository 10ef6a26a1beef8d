namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Controller-specific annotations a solver Ingress needs to reach a host-routed responder.</summary>
public static class SolverPresetAnnotations
{
    /// <summary>
    /// The annotations for <paramref name="preset"/>; <paramref name="externalName"/> is the responder host when it is an
    /// ExternalName Service, <paramref name="proxyTrustSecret"/> the <c>namespace/name</c> of the Secret holding the roots
    /// of its HTTPS certificate (<see cref="ResponderProxyTrust"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(SolverPreset preset, string? externalName, int servicePort, string? proxyTrustSecret = null)
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
                        // Send the responder's host name as SNI too: Azure's front end picks the site from the TLS
                        // handshake. ingress-nginx applies proxy-ssl-server-name/-name only together with a
                        // proxy-ssl-secret holding ca.crt, so the preset names ours and verifies the responder with it.
                        annotations["nginx.ingress.kubernetes.io/proxy-ssl-server-name"] = "on";
                        annotations["nginx.ingress.kubernetes.io/proxy-ssl-name"] = externalName;
                        if (proxyTrustSecret is not null)
                        {
                            annotations["nginx.ingress.kubernetes.io/proxy-ssl-secret"] = proxyTrustSecret;
                            annotations["nginx.ingress.kubernetes.io/proxy-ssl-verify"] = "on";
                            // Leaf, issuing CA, root: nginx's default depth of 1 would refuse an intermediate.
                            annotations["nginx.ingress.kubernetes.io/proxy-ssl-verify-depth"] = "3";
                        }
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

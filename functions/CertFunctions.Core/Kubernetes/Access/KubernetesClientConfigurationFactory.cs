using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Turns one cluster's settings into a client configuration, with errors naming the setting.</summary>
public static class KubernetesClientConfigurationFactory
{
    /// <summary>The authentication a cluster's settings select (explicit, else Kubeconfig when one is given).</summary>
    public static KubernetesAuthentication ResolveAuthentication(string cluster, KubernetesClusterOptions settings)
    {
        if (settings.Authentication is { } explicitChoice)
        {
            return explicitChoice;
        }

        if (!string.IsNullOrWhiteSpace(settings.Kubeconfig) || !string.IsNullOrWhiteSpace(settings.KubeconfigPath))
        {
            return KubernetesAuthentication.Kubeconfig;
        }

        throw new KubernetesClusterConfigurationException(
            $"Kubernetes:Clusters:{cluster} has no way to reach the cluster: set Kubernetes:Clusters:{cluster}:Kubeconfig or :KubeconfigPath, or Kubernetes:Clusters:{cluster}:Authentication = InCluster | AzureAd.");
    }

    /// <summary>Checks the settings without contacting the cluster; throws <see cref="KubernetesClusterConfigurationException"/>.</summary>
    public static void Validate(string cluster, KubernetesClusterOptions settings)
    {
        RejectUnresolvedKeyVaultReferences(cluster, settings);
        switch (ResolveAuthentication(cluster, settings))
        {
            case KubernetesAuthentication.Kubeconfig:
                _ = BuildFromKubeconfig(cluster, settings);
                break;
            case KubernetesAuthentication.AzureAd:
                _ = ParseServer(cluster, settings);
                _ = ParseCertificateAuthority(cluster, settings);
                if (!string.IsNullOrWhiteSpace(settings.ManagedIdentityClientId) && !Guid.TryParse(settings.ManagedIdentityClientId, out _))
                {
                    throw new KubernetesClusterConfigurationException(
                        $"Kubernetes:Clusters:{cluster}:ManagedIdentityClientId is not a GUID (it is the client id of a user-assigned managed identity).");
                }

                break;
            case KubernetesAuthentication.InCluster:
                break;
        }
    }

    /// <summary>Builds the client configuration for <paramref name="cluster"/>.</summary>
    public static KubernetesClientConfiguration Build(
        string cluster,
        KubernetesClusterOptions settings,
        IAzureTokenCredentialFactory credentials)
    {
        RejectUnresolvedKeyVaultReferences(cluster, settings);
        return ResolveAuthentication(cluster, settings) switch
        {
            KubernetesAuthentication.Kubeconfig => BuildFromKubeconfig(cluster, settings),
            KubernetesAuthentication.InCluster => BuildInCluster(cluster),
            KubernetesAuthentication.AzureAd => new KubernetesClientConfiguration
            {
                Host = ParseServer(cluster, settings).ToString(),
                SslCaCerts = ParseCertificateAuthority(cluster, settings),
                TokenProvider = new AzureAdTokenProvider(credentials.Create(cluster, settings), KubernetesOptions.AksServerScope),
            },
            var other => throw new KubernetesClusterConfigurationException($"Kubernetes:Clusters:{cluster}:Authentication '{other}' is not supported."),
        };
    }

    /// <summary>Returns the kubeconfig YAML from an inline setting that holds YAML or base64 of YAML.</summary>
    public static string DecodeInlineKubeconfig(string cluster, string value)
    {
        var trimmed = value.Trim();
        if (LooksLikeKubeconfig(trimmed))
        {
            return trimmed;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            throw new KubernetesClusterConfigurationException(
                $"Kubernetes:Clusters:{cluster}:Kubeconfig is not valid base64 (and not kubeconfig YAML either).");
        }

        var text = Encoding.UTF8.GetString(bytes);
        return LooksLikeKubeconfig(text)
            ? text
            : throw new KubernetesClusterConfigurationException(
                $"Kubernetes:Clusters:{cluster}:Kubeconfig is valid base64 but does not decode to a kubeconfig (no 'clusters:' found).");
    }

    private static KubernetesClientConfiguration BuildFromKubeconfig(string cluster, KubernetesClusterOptions settings)
    {
        var hasInline = !string.IsNullOrWhiteSpace(settings.Kubeconfig);
        var hasPath = !string.IsNullOrWhiteSpace(settings.KubeconfigPath);
        if (hasInline == hasPath)
        {
            throw new KubernetesClusterConfigurationException(hasInline
                ? $"Kubernetes:Clusters:{cluster}:Kubeconfig and :KubeconfigPath are both set; keep one."
                : $"Kubernetes:Clusters:{cluster}:Kubeconfig or :KubeconfigPath is required when Authentication is Kubeconfig.");
        }

        var context = string.IsNullOrWhiteSpace(settings.Context) ? null : settings.Context.Trim();
        var setting = hasInline ? $"Kubernetes:Clusters:{cluster}:Kubeconfig" : $"Kubernetes:Clusters:{cluster}:KubeconfigPath";
        K8SConfiguration kubeconfig;
        try
        {
            if (hasInline)
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(DecodeInlineKubeconfig(cluster, settings.Kubeconfig!)));
                kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(stream);
            }
            else
            {
                var file = new FileInfo(settings.KubeconfigPath!.Trim());
                if (!file.Exists)
                {
                    throw new KubernetesClusterConfigurationException($"{setting}: file '{file.FullName}' does not exist.");
                }

                kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(file);
            }
        }
        catch (Exception ex) when (ex is not KubernetesClusterConfigurationException and not OutOfMemoryException)
        {
            throw new KubernetesClusterConfigurationException($"{setting} is not a valid kubeconfig: {ex.Message}", ex);
        }

        if (context is not null && kubeconfig.Contexts?.Any(c => c.Name == context) != true)
        {
            throw new KubernetesClusterConfigurationException(
                $"Kubernetes:Clusters:{cluster}:Context '{context}' is not in {setting} (contexts: {string.Join(", ", kubeconfig.Contexts?.Select(c => c.Name) ?? [])}).");
        }

        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, context);
        }
        catch (Exception ex) when (ex is KubeConfigException or ArgumentException or FormatException or CryptographicException or NullReferenceException)
        {
            throw new KubernetesClusterConfigurationException($"{setting} cannot be used: {ex.Message}", ex);
        }
    }

    private static KubernetesClientConfiguration BuildInCluster(string cluster)
    {
        if (!KubernetesClientConfiguration.IsInCluster())
        {
            throw new KubernetesClusterConfigurationException(
                $"Kubernetes:Clusters:{cluster}:Authentication is InCluster but this process does not run in a Kubernetes pod (no service account token or KUBERNETES_SERVICE_HOST).");
        }

        try
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }
        catch (KubeConfigException ex)
        {
            throw new KubernetesClusterConfigurationException($"Kubernetes:Clusters:{cluster}:Authentication is InCluster but the service account cannot be read: {ex.Message}", ex);
        }
    }

    private static Uri ParseServer(string cluster, KubernetesClusterOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Server))
        {
            throw new KubernetesClusterConfigurationException(
                $"Kubernetes:Clusters:{cluster}:Server is required when Authentication is AzureAd (the AKS API server URL, e.g. https://<dns>.hcp.<region>.azmk8s.io:443).");
        }

        return Uri.TryCreate(settings.Server.Trim(), UriKind.Absolute, out var server) && server.Scheme == Uri.UriSchemeHttps
            ? server
            : throw new KubernetesClusterConfigurationException($"Kubernetes:Clusters:{cluster}:Server '{settings.Server}' is not an https URL.");
    }

    private static X509Certificate2Collection? ParseCertificateAuthority(string cluster, KubernetesClusterOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.CertificateAuthorityData))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(settings.CertificateAuthorityData.Trim());
        }
        catch (FormatException)
        {
            throw new KubernetesClusterConfigurationException($"Kubernetes:Clusters:{cluster}:CertificateAuthorityData is not valid base64.");
        }

        var collection = new X509Certificate2Collection();
        try
        {
            var text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                collection.ImportFromPem(text);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (CryptographicException ex)
        {
            throw new KubernetesClusterConfigurationException($"Kubernetes:Clusters:{cluster}:CertificateAuthorityData does not hold a certificate: {ex.Message}", ex);
        }

        return collection.Count > 0
            ? collection
            : throw new KubernetesClusterConfigurationException($"Kubernetes:Clusters:{cluster}:CertificateAuthorityData does not hold a certificate.");
    }

    private static bool LooksLikeKubeconfig(string text) =>
        text.Contains("clusters:", StringComparison.Ordinal) || text.Contains("\"clusters\"", StringComparison.Ordinal);

    /// <summary>
    /// App Service hands the app a Key Vault reference it could not resolve as its literal text: say so, rather than
    /// "not valid base64" or "not an https URL", which would send the user looking in the wrong place.
    /// </summary>
    private static void RejectUnresolvedKeyVaultReferences(string cluster, KubernetesClusterOptions settings)
    {
        foreach (var (name, value) in new[]
        {
            ("Kubeconfig", settings.Kubeconfig),
            ("KubeconfigPath", settings.KubeconfigPath),
            ("Server", settings.Server),
            ("CertificateAuthorityData", settings.CertificateAuthorityData),
        })
        {
            if (value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
            {
                throw new KubernetesClusterConfigurationException(
                    $"Kubernetes:Clusters:{cluster}:{name} is a Key Vault reference the platform has not resolved: the secret does not exist yet, " +
                    "or the app's identity cannot read it. Store the secret (deploy.md, step 5), then restart the app; the Azure portal's " +
                    "Environment variables page shows the reference's status.");
            }
        }
    }
}

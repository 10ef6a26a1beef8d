using System.Text;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Kubernetes.Access;

public sealed class KubernetesSettingsTests
{
    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c1
          cluster:
            server: http://127.0.0.1:6443
        users:
        - name: u1
          user:
            token: abc
        contexts:
        - name: ctx1
          context:
            cluster: c1
            user: u1
        - name: ctx2
          context:
            cluster: c1
            user: u1
        current-context: ctx1
        """;

    [Fact]
    public void Inline_kubeconfig_may_be_yaml_or_base64()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Kubeconfig));

        var fromYaml = Build(new KubernetesClusterOptions { Kubeconfig = Kubeconfig });
        var fromBase64 = Build(new KubernetesClusterOptions { Kubeconfig = base64, Context = "ctx2" });

        Assert.Equal("http://127.0.0.1:6443/", fromYaml.Host.TrimEnd('/') + "/");
        Assert.Equal("ctx2", fromBase64.CurrentContext);
    }

    [Fact]
    public void Kubeconfig_path_is_read_from_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Kubeconfig);
        try
        {
            Assert.Equal("ctx1", Build(new KubernetesClusterOptions { KubeconfigPath = path }).CurrentContext);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Kubeconfig", "not base64!", null, "Kubernetes:Clusters:prod:Kubeconfig is not valid base64")]
    [InlineData("Kubeconfig", "aGVsbG8=", null, "Kubernetes:Clusters:prod:Kubeconfig is valid base64 but does not decode to a kubeconfig")]
    [InlineData("KubeconfigPath", "/nowhere/kubeconfig", null, "Kubernetes:Clusters:prod:KubeconfigPath: file '/nowhere/kubeconfig' does not exist")]
    [InlineData("Kubeconfig", Kubeconfig, "missing", "Kubernetes:Clusters:prod:Context 'missing' is not in")]
    public void Bad_kubeconfig_settings_name_the_setting(string setting, string value, string? context, string expected)
    {
        var options = setting == "Kubeconfig"
            ? new KubernetesClusterOptions { Kubeconfig = value, Context = context }
            : new KubernetesClusterOptions { KubeconfigPath = value, Context = context };

        var ex = Assert.Throws<KubernetesClusterConfigurationException>(() => KubernetesClientConfigurationFactory.Validate("prod", options));

        Assert.Contains(expected, ex.Message);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void AzureAd_needs_an_https_server_and_a_valid_ca()
    {
        var noServer = Assert.Throws<KubernetesClusterConfigurationException>(() =>
            KubernetesClientConfigurationFactory.Validate("aks", new KubernetesClusterOptions { Authentication = KubernetesAuthentication.AzureAd }));
        var badCa = Assert.Throws<KubernetesClusterConfigurationException>(() => KubernetesClientConfigurationFactory.Validate(
            "aks",
            new KubernetesClusterOptions { Authentication = KubernetesAuthentication.AzureAd, Server = "https://aks.example.com:443", CertificateAuthorityData = "%%%" }));
        var badClientId = Assert.Throws<KubernetesClusterConfigurationException>(() => KubernetesClientConfigurationFactory.Validate(
            "aks",
            new KubernetesClusterOptions { Authentication = KubernetesAuthentication.AzureAd, Server = "https://aks.example.com", ManagedIdentityClientId = "nope" }));

        Assert.Contains("Kubernetes:Clusters:aks:Server is required", noServer.Message);
        Assert.Contains("Kubernetes:Clusters:aks:CertificateAuthorityData is not valid base64", badCa.Message);
        Assert.Contains("Kubernetes:Clusters:aks:ManagedIdentityClientId is not a GUID", badClientId.Message);
    }

    [Fact]
    public void In_cluster_outside_a_pod_names_the_setting()
    {
        if (KubernetesClientConfiguration.IsInCluster())
        {
            return;
        }

        var ex = Assert.Throws<KubernetesClusterConfigurationException>(() => Build(new KubernetesClusterOptions { Authentication = KubernetesAuthentication.InCluster }));

        Assert.Contains("Kubernetes:Clusters:prod:Authentication is InCluster", ex.Message);
    }

    [Fact]
    public void A_cluster_with_no_way_in_is_reported()
    {
        var ex = Assert.Throws<KubernetesClusterConfigurationException>(() => KubernetesClientConfigurationFactory.Validate("x", new KubernetesClusterOptions()));

        Assert.Contains("Kubernetes:Clusters:x has no way to reach the cluster", ex.Message);
    }

    [Fact]
    public void Settings_are_bound_and_validated_on_start_with_messages_naming_the_setting()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Kubernetes:DefaultCluster"] = "prod",
            ["Kubernetes:Clusters:prod:Kubeconfig"] = "not base64!",
            ["Kubernetes:Clusters:prod:Authentication"] = "",
            ["Challenge:ResponderServicePort"] = "0",
            ["Challenge:ResponderExternalName"] = "https://myapp.azurewebsites.net",
        });

        var challenge = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChallengeRoutingOptions>>().Value);

        // A cluster's access is not a start-up error (it would stop every cluster and the responder): it is reported on use.
        Assert.NotNull(provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);
        var unavailable = Assert.Throws<ClusterUnavailableException>(() => provider.GetRequiredService<IKubernetesClientProvider>().GetClient("prod"));
        Assert.Contains("Kubernetes:Clusters:prod:Kubeconfig is not valid base64", unavailable.Message);
        Assert.Contains("Challenge:ResponderServicePort", challenge.Message);
        Assert.Contains("Challenge:ResponderExternalName", challenge.Message);
    }

    [Fact]
    public void Default_cluster_must_be_configured_and_unknown_clusters_are_named()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Kubernetes:Clusters:prod:Kubeconfig"] = Kubeconfig,
            ["Kubernetes:Clusters:staging:Kubeconfig"] = Kubeconfig,
        });
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);
        Assert.Contains("Kubernetes:DefaultCluster", ex.Message);

        using var good = Services(new Dictionary<string, string?>
        {
            ["Kubernetes:DefaultCluster"] = "prod",
            ["Kubernetes:Clusters:prod:Kubeconfig"] = Kubeconfig,
            ["Challenge:Routing"] = "SolverIngress",
            ["Challenge:PathType"] = "Prefix",
        });
        var clients = good.GetRequiredService<IKubernetesClientProvider>();
        Assert.NotNull(clients.GetClient("prod"));
        Assert.Same(clients.GetClient("prod"), clients.GetClient(string.Empty));
        var unknown = Assert.Throws<UnknownClusterException>(() => clients.GetClient("dev"));
        Assert.Contains("'dev'", unknown.Message);
        Assert.Contains("prod", unknown.Message);
        Assert.Equal(RoutingStrategy.SolverIngress, good.GetRequiredService<IOptions<ChallengeRoutingOptions>>().Value.Routing);
        Assert.Equal(ChallengePathType.Prefix, good.GetRequiredService<IOptions<ChallengeRoutingOptions>>().Value.PathType);
    }

    [Fact]
    public void A_single_cluster_is_the_default_when_none_is_named()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Kubernetes:DefaultCluster"] = "",
            ["Kubernetes:Clusters:only:Kubeconfig"] = Kubeconfig,
        });

        Assert.NotNull(provider.GetRequiredService<IKubernetesClientProvider>().GetClient(string.Empty));
    }

    [Fact]
    public void An_unresolved_key_vault_reference_leaves_the_other_clusters_working_and_is_named()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Kubernetes:DefaultCluster"] = "prod",
            ["Kubernetes:Clusters:prod:Kubeconfig"] = Kubeconfig,
            ["Kubernetes:Clusters:edge:Kubeconfig"] = "@Microsoft.KeyVault(VaultName=kv-certfn;SecretName=kubeconfig-edge)",
        });
        var clients = provider.GetRequiredService<IKubernetesClientProvider>();

        Assert.NotNull(provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);
        Assert.NotNull(clients.GetClient("prod"));
        var error = Assert.Throws<ClusterUnavailableException>(() => clients.GetClient("edge"));
        Assert.Contains("Kubernetes:Clusters:edge:Kubeconfig is a Key Vault reference the platform has not resolved", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            [new ClusterAccess("edge", error.InnerException!.Message), new ClusterAccess("prod", null)],
            clients.DescribeAll());
    }

    [Fact]
    public void An_invalid_kubeconfig_is_reported_when_its_cluster_is_used()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kubernetes:DefaultCluster"] = "prod",
            ["Kubernetes:Clusters:prod:Kubeconfig"] = "apiVersion: v1\nkind: Config\nclusters: [[[",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddCertFunctionsKubernetes(configuration);
        using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<IKubernetesClientProvider>();

        var error = Assert.Throws<ClusterUnavailableException>(() => clients.GetClient("prod"));
        Assert.Equal("prod", error.Cluster);
        Assert.False(Assert.Single(clients.DescribeAll()).Available);
    }

    private static KubernetesClientConfiguration Build(KubernetesClusterOptions options) =>
        KubernetesClientConfigurationFactory.Build("prod", options, new ManagedIdentityCredentialFactory());

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCertFunctionsKubernetes(configuration);
        return services.BuildServiceProvider();
    }
}

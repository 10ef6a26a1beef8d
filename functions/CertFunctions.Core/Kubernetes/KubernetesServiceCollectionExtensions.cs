using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Kubernetes.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes;

/// <summary>Registers everything CertFunctions does to a cluster.</summary>
public static class KubernetesServiceCollectionExtensions
{
    /// <summary>Binds <c>Kubernetes</c> and <c>Challenge</c> settings (validated on start) and registers the Kubernetes services.</summary>
    public static IServiceCollection AddCertFunctionsKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubernetesOptions>().Bind(configuration.GetSection(KubernetesOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ChallengeRoutingOptions>().Bind(configuration.GetSection(ChallengeRoutingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChallengeRoutingOptions>, ChallengeRoutingOptionsValidator>());
        services.AddOptions<Routing.HttpRoutes.GatewayRoutingOptions>().Bind(configuration.GetSection(ChallengeRoutingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Routing.HttpRoutes.GatewayRoutingOptions>, Routing.HttpRoutes.GatewayRoutingOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAzureTokenCredentialFactory, ManagedIdentityCredentialFactory>();
        services.TryAddSingleton<IKubernetesClientProvider, KubernetesClientProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ClusterAccessReport>());

        // Reading an object resolves its certfunctions.io/issuer against the configured issuers (Acme:*, bound by the core registration).
        services.TryAddSingleton<Issuers.AcmeIssuerCatalog>();
        services.TryAddSingleton<IngressCertificateReader>();
        services.TryAddSingleton<Gateways.GatewayCertificatesReader>();
        services.TryAddSingleton<Gateways.GatewayProblemReporter>();
        services.TryAddSingleton<Routing.HttpRoutes.SolverHttpRouteRouting>();
        services.TryAddSingleton<Routing.HttpRoutes.SolverHttpRouteLeftovers>();
        services.TryAddSingleton<Listing.ObjectLists>();
        services.TryAddSingleton<IngressDiscovery>();
        services.TryAddSingleton<ResponderServiceProvisioner>();
        services.TryAddSingleton<ResponderProxyTrust>();
        services.TryAddSingleton<InPlaceChallengeRouting>();
        services.TryAddSingleton<SolverIngressChallengeRouting>();
        services.TryAddSingleton<ChallengeRouter>();
        services.TryAddSingleton<TlsSecretWriter>();
        services.TryAddSingleton<SecretOwnerGuard>();
        services.TryAddSingleton<DeployedCertificateReader>();
        services.TryAddSingleton<IngressTlsBinder>();
        services.TryAddSingleton<IngressEventRecorder>();
        services.TryAddSingleton<GitOps.TlsReferenceReport>();
        return services;
    }
}

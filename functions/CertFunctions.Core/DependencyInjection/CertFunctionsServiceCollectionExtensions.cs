using CertFunctions.Core.Acme;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.Http;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Notifications;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Renewal.Scan;
using CertFunctions.Core.SelfCheck;
using CertFunctions.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.DependencyInjection;

/// <summary>Registers CertFunctions' workflow for any host (the Functions app or the local host).</summary>
public static class CertFunctionsServiceCollectionExtensions
{
    /// <summary>The activity types, by name, for hosts that register them explicitly.</summary>
    public static IReadOnlyDictionary<string, Type> ActivityTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [ReadIngressActivity.Name] = typeof(ReadIngressActivity),
        [CreateOrderActivity.Name] = typeof(CreateOrderActivity),
        [PresentChallengeActivity.Name] = typeof(PresentChallengeActivity),
        [SelfCheckActivity.Name] = typeof(SelfCheckActivity),
        [ValidateActivity.Name] = typeof(ValidateActivity),
        [FinalizeAndStoreActivity.Name] = typeof(FinalizeAndStoreActivity),
        [CleanupActivity.Name] = typeof(CleanupActivity),
        [ReportOutcomeActivity.Name] = typeof(ReportOutcomeActivity),
        [PrepareIssuanceActivity.Name] = typeof(PrepareIssuanceActivity),
        [SolveChallengesActivity.Name] = typeof(SolveChallengesActivity),
        [CompleteIssuanceActivity.Name] = typeof(CompleteIssuanceActivity),
        [AwaitAdmittedObjectActivity.Name] = typeof(AwaitAdmittedObjectActivity),
        [ReadGatewayActivity.Name] = typeof(ReadGatewayActivity),
    };

    /// <summary>Binds every CertFunctions setting (validated at start-up) and registers the services and activities.</summary>
    /// <remarks>
    /// Nothing registered here needs an <see cref="Hosting.IOrchestrationGateway"/>: the Functions app gets its Durable
    /// client from a trigger binding, not from the container, so a registration that needed one would fail the worker's
    /// start-up validation in the Development environment. Hosts that register a gateway add
    /// <see cref="AddCertFunctionsOrchestrationClients"/>.
    /// </remarks>
    public static IServiceCollection AddCertFunctionsCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AcmeOptions>().Bind(configuration.GetSection(AcmeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AcmeOptions>, AcmeOptionsValidator>());
        services.AddOptions<SelfCheckOptions>().Bind(configuration.GetSection(SelfCheckOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResponderOptions>().Bind(configuration.GetSection(ResponderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResponderOptions>, ResponderOptionsValidator>());
        services.AddOptions<RenewalOptions>().Bind(configuration.GetSection(RenewalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimerScheduleOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimerScheduleOptions>, TimerScheduleOptionsValidator>());
        services.AddCertFunctionsKubernetes(configuration);

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddAzureClientsCore();
        services.TryAddSingleton<BlobServiceClientFactory>();
        services.TryAddSingleton<BlobContainers>();
        services.TryAddSingleton<ChallengeTokenStore>();
        services.TryAddSingleton<ChallengeResponder>();
        services.TryAddSingleton<ChallengeSelfChecker>();
        services.TryAddSingleton<AcmeIssuerCatalog>();
        services.TryAddSingleton<AcmeAccountStore>();
        services.TryAddSingleton<PendingKeyStore>();
        services.TryAddSingleton<AcmeClientProvider>();
        services.TryAddSingleton<AcmeAccountRecovery>();
        services.TryAddSingleton<OrderRecordStore>();
        services.TryAddSingleton<CertificateStateStore>();
        services.TryAddSingleton<IRenewalInfoSource, AcmeRenewalInfoSource>();
        services.TryAddSingleton<RenewalAdvisor>();
        services.TryAddSingleton<ChallengeLeftoverSweep>();
        services.TryAddSingleton<ClusterInventoryReader>();
        services.TryAddSingleton<InvalidConfigurationReport>();
        services.TryAddSingleton<IssuanceDecision>();
        services.TryAddSingleton<ExpiryWarning>();
        services.TryAddSingleton<SharedSecretReport>();
        services.TryAddSingleton<CertificateRenewalStep>();
        services.TryAddSingleton<StateRetirement>();
        services.TryAddSingleton<PendingKeySweep>();
        services.TryAddSingleton<ChallengeEndpoint>();
        services.TryAddSingleton<HealthEndpoint>();
        services.TryAddSingleton<CancelledIssuanceCleanup>();
        services.TryAddSingleton<IssuanceAdmission>();
        services.TryAddSingleton<Discovery.IssuanceNeedCheck>();

        // Both hosts: the webhook's in-memory backlog and the worker that starts what it holds after the answer (the
        // Functions app hands each write its invocation's Durable client, the local host its one gateway).
        services.TryAddSingleton<Admission.AdmissionBacklog>();
        services.AddHostedService<Admission.AdmissionStartWorker>();
        services.TryAddSingleton<Discovery.DiscoveryStateStore>();
        services.AddOptions<Discovery.DiscoveryOptions>().Bind(configuration.GetSection(Discovery.DiscoveryOptions.SectionName)).ValidateOnStart();
        services.AddOptions<Admission.AdmissionWebhookOptions>().Bind(configuration.GetSection(Admission.AdmissionWebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PublicBaseUrl>();
        services.AddCertFunctionsNotifications(configuration);
        foreach (var activity in ActivityTypes.Values)
        {
            services.TryAddTransient(activity);
        }

        return services;
    }

    /// <summary>
    /// Registers the services that start and query orchestrations (the renewal scanner, the HTTP API), for a host whose
    /// container holds an <see cref="Hosting.IOrchestrationGateway"/>. The Functions app makes them per call instead.
    /// </summary>
    public static IServiceCollection AddCertFunctionsOrchestrationClients(this IServiceCollection services)
    {
        services.TryAddSingleton<RenewalScanner>();
        services.TryAddSingleton<CertificatesApi>();
        services.TryAddSingleton<UndeliveredNotificationsApi>();
        services.TryAddSingleton<Admission.AdmissionWebhookEndpoint>();
        services.TryAddSingleton<Discovery.DiscoveryScanner>();
        services.TryAddTransient<QueueNotificationsActivity>();
        return services;
    }
}

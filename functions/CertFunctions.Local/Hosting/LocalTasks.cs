using CertFunctions.Core.Notifications;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Local.Durable;

namespace CertFunctions.Local.Hosting;

/// <summary>Registers Core's orchestrator and activities with the local engine under the names the Functions app uses.</summary>
public static class LocalTasks
{
    /// <summary>Adds every orchestrator and activity.</summary>
    public static void Register(LocalDurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<IssueCertificateOrchestrator>(IssueCertificateOrchestrator.Name)
            .AddActivity<ReadIngressActivity>(ReadIngressActivity.Name)
            .AddActivity<CreateOrderActivity>(CreateOrderActivity.Name)
            .AddActivity<PresentChallengeActivity>(PresentChallengeActivity.Name)
            .AddActivity<SelfCheckActivity>(SelfCheckActivity.Name)
            .AddActivity<ValidateActivity>(ValidateActivity.Name)
            .AddActivity<FinalizeAndStoreActivity>(FinalizeAndStoreActivity.Name)
            .AddActivity<CleanupActivity>(CleanupActivity.Name)
            .AddActivity<ReportOutcomeActivity>(ReportOutcomeActivity.Name)
            .AddActivity<PrepareIssuanceActivity>(PrepareIssuanceActivity.Name)
            .AddActivity<SolveChallengesActivity>(SolveChallengesActivity.Name)
            .AddActivity<CompleteIssuanceActivity>(CompleteIssuanceActivity.Name)
            .AddActivity<AwaitAdmittedObjectActivity>(AwaitAdmittedObjectActivity.Name)
            .AddActivity<ReadGatewayActivity>(ReadGatewayActivity.Name)
            .AddActivity<QueueNotificationsActivity>(QueueNotificationsActivity.Name)
            .AddOrchestrator<DeliverNotificationsOrchestrator>(DeliverNotificationsOrchestrator.Name)
            .AddActivity<DeliverNotificationActivity>(DeliverNotificationActivity.Name)
            .AddActivity<RecordUndeliveredActivity>(RecordUndeliveredActivity.Name);
    }
}

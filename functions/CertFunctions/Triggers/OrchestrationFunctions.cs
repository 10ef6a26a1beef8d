using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Core.Renewal;
using CertFunctions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CertFunctions.Triggers;

/// <summary>The issuance orchestrator and its activities: each trigger only hands over to Core.</summary>
public sealed class OrchestrationFunctions
{
    /// <summary>One issuance for one Ingress.</summary>
    [Function(IssueCertificateOrchestrator.Name)]
    public static Task<IssuanceResult> IssueCertificate([OrchestrationTrigger] TaskOrchestrationContext context)
        => new IssueCertificateOrchestrator().RunAsync(context, context.GetInput<IssueCertificateRequest>()!);

    /// <summary>Reads and validates the Ingress, removes leftovers of an interrupted run.</summary>
    [Function(ReadIngressActivity.Name)]
    public static Task<IssuancePlan> ReadIngress([ActivityTrigger] ReadIngressInput input, FunctionContext context)
        => ActivityRunner.RunAsync<ReadIngressActivity, ReadIngressInput, IssuancePlan>(context, ReadIngressActivity.Name, input);

    /// <summary>Reads a Gateway into one certificate per Secret; records its listener problems as Events.</summary>
    [Function(ReadGatewayActivity.Name)]
    public static Task<GatewayIssuancePlan> ReadGateway([ActivityTrigger] CertFunctions.Core.Certificates.CertificateRef input, FunctionContext context)
        => ActivityRunner.RunAsync<ReadGatewayActivity, CertFunctions.Core.Certificates.CertificateRef, GatewayIssuancePlan>(context, ReadGatewayActivity.Name, input);

    /// <summary>Creates the ACME order.</summary>
    [Function(CreateOrderActivity.Name)]
    public static Task<CreateOrderOutput> CreateOrder([ActivityTrigger] CreateOrderInput input, FunctionContext context)
        => ActivityRunner.RunAsync<CreateOrderActivity, CreateOrderInput, CreateOrderOutput>(context, CreateOrderActivity.Name, input);

    /// <summary>Publishes the tokens and routes the challenge paths to the responder.</summary>
    [Function(PresentChallengeActivity.Name)]
    public static Task<PresentedChallenge> PresentChallenge([ActivityTrigger] PresentChallengesInput input, FunctionContext context)
        => ActivityRunner.RunAsync<PresentChallengeActivity, PresentChallengesInput, PresentedChallenge>(context, PresentChallengeActivity.Name, input);

    /// <summary>Fetches the challenge URLs once.</summary>
    [Function(SelfCheckActivity.Name)]
    public static Task<SelfCheckRound> SelfCheck([ActivityTrigger] SelfCheckInput input, FunctionContext context)
        => ActivityRunner.RunAsync<SelfCheckActivity, SelfCheckInput, SelfCheckRound>(context, SelfCheckActivity.Name, input);

    /// <summary>Answers the challenges and waits for the CA.</summary>
    [Function(ValidateActivity.Name)]
    public static Task<ValidateOutput> Validate([ActivityTrigger] ValidateInput input, FunctionContext context)
        => ActivityRunner.RunAsync<ValidateActivity, ValidateInput, ValidateOutput>(context, ValidateActivity.Name, input);

    /// <summary>Finalizes the order, writes the Secret and attaches it in spec.tls.</summary>
    [Function(FinalizeAndStoreActivity.Name)]
    public static Task<FinalizeOutput> FinalizeAndStore([ActivityTrigger] FinalizeInput input, FunctionContext context)
        => ActivityRunner.RunAsync<FinalizeAndStoreActivity, FinalizeInput, FinalizeOutput>(context, FinalizeAndStoreActivity.Name, input);

    /// <summary>Removes the challenge routes and tokens.</summary>
    [Function(CleanupActivity.Name)]
    public static Task<bool> Cleanup([ActivityTrigger] CleanupInput input, FunctionContext context)
        => ActivityRunner.RunAsync<CleanupActivity, CleanupInput, bool>(context, CleanupActivity.Name, input);

    /// <summary>Records the outcome: an Event on the Ingress, and the state and back-off in storage.</summary>
    [Function(ReportOutcomeActivity.Name)]
    public static Task<CertificateState> ReportOutcome([ActivityTrigger] ReportOutcomeInput input, FunctionContext context)
        => ActivityRunner.RunAsync<ReportOutcomeActivity, ReportOutcomeInput, CertificateState>(context, ReportOutcomeActivity.Name, input);

    /// <summary>Reads the Ingress and creates the order (the common path's first step).</summary>
    [Function(PrepareIssuanceActivity.Name)]
    public static Task<PreparedIssuance> PrepareIssuance([ActivityTrigger] PrepareIssuanceInput input, FunctionContext context)
        => ActivityRunner.RunAsync<PrepareIssuanceActivity, PrepareIssuanceInput, PreparedIssuance>(context, PrepareIssuanceActivity.Name, input);

    /// <summary>Presents the challenges, checks them and asks the CA to validate (the common path's second step).</summary>
    [Function(SolveChallengesActivity.Name)]
    public static Task<SolvedChallenges> SolveChallenges([ActivityTrigger] SolveChallengesInput input, FunctionContext context)
        => ActivityRunner.RunAsync<SolveChallengesActivity, SolveChallengesInput, SolvedChallenges>(context, SolveChallengesActivity.Name, input);

    /// <summary>Finalizes, stores and attaches the certificate, then removes the challenge routes (the common path's third step).</summary>
    [Function(CompleteIssuanceActivity.Name)]
    public static Task<CompletedIssuance> CompleteIssuance([ActivityTrigger] CompleteIssuanceInput input, FunctionContext context)
        => ActivityRunner.RunAsync<CompleteIssuanceActivity, CompleteIssuanceInput, CompletedIssuance>(context, CompleteIssuanceActivity.Name, input);

    /// <summary>Step 0 of an admitted write: stored yet, and needing an issuance?</summary>
    [Function(AwaitAdmittedObjectActivity.Name)]
    public static Task<Core.Discovery.IssuanceNeedResult> AwaitAdmittedObject([ActivityTrigger] AwaitAdmittedObjectInput input, FunctionContext context)
        => ActivityRunner.RunAsync<AwaitAdmittedObjectActivity, AwaitAdmittedObjectInput, Core.Discovery.IssuanceNeedResult>(context, AwaitAdmittedObjectActivity.Name, input);
}

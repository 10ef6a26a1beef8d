using CertFunctions.Core.Certificates;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Testing.LocalWorld;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.EndToEnd.Tests.Idempotence;

/// <summary>
/// The product's activities, built from the same registration and settings as the local host of <paramref name="world"/>,
/// run directly against its real programs (Pebble, Azurite, the emulator; the host's responder serves the tokens). The
/// inputs are made the way the orchestrator makes them, so a step can be run on its own, and twice.
/// </summary>
internal sealed class IssuanceSteps(LocalWorld world) : IDisposable
{
    private readonly ServiceProvider _services = Build(world);

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Runs <typeparamref name="TActivity"/> once for <paramref name="certificate"/>'s instance.</summary>
    public Task<TOutput> RunAsync<TActivity, TInput, TOutput>(CertificateRef certificate, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
        => Get<TActivity>().RunAsync(new StepContext(typeof(TActivity).Name, certificate.InstanceId), input);

    public static PrepareIssuanceInput Prepare(CertificateRef certificate) => new(certificate, certificate.InstanceId, null);

    public static PresentChallengesInput Present(CertificateRef certificate, PreparedIssuance prepared)
    {
        var challenges = prepared.Order.Challenges;
        var spec = prepared.Plan.Spec;
        return new PresentChallengesInput(
            certificate.InstanceId,
            challenges,
            new ChallengeRoutingRequest(certificate, [.. challenges.Select(c => c.Host).Distinct()], [.. challenges.Select(c => c.Token)], spec.Routing, spec.SolverPreset, spec.IngressClassName));
    }

    public static SelfCheckInput SelfCheck(PreparedIssuance prepared)
    {
        var plan = prepared.Plan.SelfCheck;
        return new SelfCheckInput(prepared.Order.Challenges, plan.ConsecutivePasses, plan.Interval, TimeSpan.FromSeconds(30));
    }

    public static ValidateInput Validate(CertificateRef certificate, PreparedIssuance prepared)
        => new(prepared.Order.OrderUrl!, prepared.Order.Challenges, Answer: true, certificate);

    public static FinalizeInput Finalize(CertificateRef certificate, PreparedIssuance prepared)
        => FinalizeInput.For(certificate, prepared.Order.OrderUrl!, prepared.Plan);

    public static CleanupInput Cleanup(CertificateRef certificate, PreparedIssuance prepared, PresentedChallenge? presented)
        => new(certificate, certificate.InstanceId, presented, [.. prepared.Order.Challenges.Select(c => c.Token)]);

    public static SuccessReport Report(CertificateRef certificate, PreparedIssuance prepared, DateTimeOffset at)
        => new(certificate, IssuanceReason.Requested, certificate.InstanceId, at, prepared.Plan.Spec.Hosts, prepared.Plan.Spec.SecretName, prepared.Order.OrderUrl!);

    public void Dispose() => _services.Dispose();

    private static ServiceProvider Build(LocalWorld world)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(world.HostSettings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddCertFunctionsCore(configuration)
            .BuildServiceProvider();
    }
}

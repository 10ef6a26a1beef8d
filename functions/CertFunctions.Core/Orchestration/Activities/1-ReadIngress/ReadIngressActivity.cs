using CertFunctions.Core.Acme;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.SelfCheck;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Reads the Ingress, validates its names and applies the app defaults; then removes what an interrupted earlier
/// run of the same instance left behind (challenge paths and solver objects found by label, its tokens).
/// </summary>
public sealed class ReadIngressActivity(
    IngressCertificateReader reader,
    ChallengeRouter router,
    ChallengeTokenStore tokens,
    IngressEventRecorder events,
    IOptions<AcmeOptions> acmeOptions,
    AcmeIssuerCatalog issuers,
    IOptions<SelfCheckOptions> selfCheckOptions,
    IOptionsMonitor<Notifications.NotificationOptions> notificationOptions) : IssuanceActivity<ReadIngressInput, IssuancePlan>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(ReadIngressActivity);

    /// <inheritdoc />
    protected override async Task<IssuancePlan> RunStepAsync(TaskActivityContext context, ReadIngressInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var spec = await reader.ReadAsync(input.Certificate, CancellationToken.None).ConfigureAwait(false);
        // The cluster and the token container are independent: clear both at once.
        await Task.WhenAll(
            router.RemoveLeftoversAsync(input.Certificate, CancellationToken.None),
            tokens.ReleaseOwnedAsync(input.Owner, writtenBy: null, CancellationToken.None),
            spec.InPlaceRefused is { } refused
                ? events.RecordAsync(input.Certificate, IngressEventReasons.InPlaceRoutingRefused, refused, IngressEventType.Warning, CancellationToken.None)
                : Task.CompletedTask).ConfigureAwait(false);
        var acme = acmeOptions.Value;
        var issuer = issuers.Get(spec.Issuer);
        var selfCheck = selfCheckOptions.Value;
        // The issuer is captured here, with its defaults: every later step of this run goes to the same CA and account
        // even if the annotation or the settings change meanwhile.
        return new IssuancePlan(
            spec,
            spec.KeyType ?? acme.CertificateKeyType,
            spec.Profile ?? issuer.Profile,
            spec.PreferredChain ?? issuer.PreferredChain,
            issuer.DirectoryUrl,
            new SelfCheckPlan(selfCheck.Mode, selfCheck.ConsecutivePasses, selfCheck.Interval, selfCheck.Timeout, selfCheck.WaitDuration),
            issuer.Name,
            notificationOptions.CurrentValue.Webhooks.Count > 0);
    }
}

using System.Text.Json.Serialization;

namespace CertFunctions.Core.Orchestration;

/// <summary>The step an issuance is at, shown in its custom status.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IssuanceStep>))]
public enum IssuanceStep
{
    /// <summary>Waiting for the start delay (renewal jitter).</summary>
    Scheduled,

    /// <summary>Waiting for a write the admission webhook saw to be stored, then checking whether it needs an issuance.</summary>
    AwaitingObject,

    /// <summary>Ended without an issuance: the admitted write was never stored, or the object needs nothing.</summary>
    NotNeeded,

    /// <summary>Reading the Ingress, validating its names, removing leftovers of an interrupted earlier run.</summary>
    ReadingIngress,

    /// <summary>Creating the ACME order.</summary>
    Ordering,

    /// <summary>Publishing tokens and routing the challenge path.</summary>
    PresentingChallenges,

    /// <summary>Fetching the challenge URLs the way the CA will.</summary>
    SelfChecking,

    /// <summary>The CA is validating.</summary>
    Validating,

    /// <summary>Finalizing the order, writing the Secret and attaching it in the Ingress's spec.tls.</summary>
    Finalizing,

    /// <summary>Removing the challenge routes and tokens.</summary>
    CleaningUp,

    /// <summary>Waiting for a rate limit's Retry-After.</summary>
    RateLimited,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>Failed; see the last error.</summary>
    Failed,
}

using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="ValidateActivity"/>.</summary>
/// <param name="OrderUrl">The order.</param>
/// <param name="Challenges">The challenges to answer and wait for.</param>
/// <param name="Answer">True the first time (answer the challenges), false when only polling again.</param>
/// <param name="Certificate">The Ingress, for the Event when the account must be registered again (null in inputs scheduled before it was added).</param>
/// <param name="Issuer">The named issuer of the order (null: the default, as in inputs scheduled before named issuers).</param>
public sealed record ValidateInput(Uri OrderUrl, IReadOnlyList<PendingChallenge> Challenges, bool Answer, CertificateRef? Certificate = null, string? Issuer = null);

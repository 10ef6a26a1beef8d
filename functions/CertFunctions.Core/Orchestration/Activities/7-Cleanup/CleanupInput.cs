using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="CleanupActivity"/>: remove exactly what was presented, plus tokens.</summary>
/// <param name="Certificate">The Ingress.</param>
/// <param name="Owner">The orchestration instance id the tokens were published under.</param>
/// <param name="Presented">What routing added, when known; null removes leftovers found by label.</param>
/// <param name="Tokens">Tokens to delete.</param>
public sealed record CleanupInput(CertificateRef Certificate, string Owner, PresentedChallenge? Presented, IReadOnlyList<string> Tokens);

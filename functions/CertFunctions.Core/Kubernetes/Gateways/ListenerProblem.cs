namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>Why a listener gets no certificate; recorded as a Warning Event on the Gateway, never skipped silently.</summary>
/// <param name="Listener">The listener's name.</param>
/// <param name="Reason">A CamelCase Event reason.</param>
/// <param name="Message">What is wrong and what to do, for people.</param>
public sealed record ListenerProblem(string Listener, string Reason, string Message);

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>One path we added to a rule of the user's Ingress (also stored in the <c>certfunctions.io/presented-paths</c> annotation).</summary>
/// <param name="RuleHost">Host of the rule we edited ("" for a rule without host).</param>
/// <param name="Path">The challenge path.</param>
/// <param name="ServiceName">Backend Service of the path (the responder).</param>
/// <param name="ServicePort">Backend port.</param>
/// <param name="AddedRule">True when the whole rule was added by us (no rule served that host).</param>
/// <param name="AddedHttp">True when the rule had no <c>http</c> section before we added one.</param>
public sealed record PresentedPath(string RuleHost, string Path, string ServiceName, int ServicePort, bool AddedRule = false, bool AddedHttp = false)
{
    /// <summary>True when <paramref name="other"/> is the same path on the same rule host.</summary>
    public bool SameRouteAs(PresentedPath other) =>
        string.Equals(RuleHost, other.RuleHost, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Path, other.Path, StringComparison.Ordinal);
}

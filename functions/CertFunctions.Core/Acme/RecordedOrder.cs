namespace CertFunctions.Core.Acme;

/// <summary>The order an issuance instance created, kept so that running the order step again reuses it.</summary>
/// <param name="OrderUrl">The order.</param>
/// <param name="Hosts">The names it was created for (a changed Ingress needs a new order).</param>
/// <param name="Issuer">The named issuer it was created at (null in records from before named issuers: the default).</param>
public sealed record RecordedOrder(Uri OrderUrl, IReadOnlyList<string> Hosts, string? Issuer = null)
{
    /// <summary>True when the order was made for exactly <paramref name="hosts"/> (order and case do not matter).</summary>
    public bool IsFor(IReadOnlyCollection<string> hosts)
        => Hosts.Count == hosts.Count && Hosts.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(hosts);

    /// <summary>
    /// True when the order was made at <paramref name="issuer"/> (null: the default). The instance id is the object's,
    /// so the run after an issuer change finds the last run's order, which belongs to another CA and account.
    /// </summary>
    public bool IsAt(string? issuer)
        => string.Equals(Issuer ?? Issuers.AcmeIssuer.DefaultName, issuer ?? Issuers.AcmeIssuer.DefaultName, StringComparison.Ordinal);
}

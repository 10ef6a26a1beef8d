namespace CertFunctions.Core.Acme;

/// <summary>The order an issuance instance created, kept so that running the order step again reuses it.</summary>
/// <param name="OrderUrl">The order.</param>
/// <param name="Hosts">The names it was created for (a changed Ingress needs a new order).</param>
public sealed record RecordedOrder(Uri OrderUrl, IReadOnlyList<string> Hosts)
{
    /// <summary>True when the order was made for exactly <paramref name="hosts"/> (order and case do not matter).</summary>
    public bool IsFor(IReadOnlyCollection<string> hosts)
        => Hosts.Count == hosts.Count && Hosts.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(hosts);
}

namespace CertFunctions.Core.Kubernetes.Listing;

/// <summary>The parameters of one page request, as every kind's list call takes them.</summary>
/// <param name="Namespace">The namespace, or null for every namespace.</param>
/// <param name="Continue">The continue token of the previous page, or null for the first.</param>
/// <param name="LabelSelector">A label selector, or null.</param>
/// <param name="Limit">The page size.</param>
/// <param name="Headers">Extra request headers (the metadata Accept header), or null.</param>
public sealed record ListRequest(
    string? Namespace, string? Continue, string? LabelSelector, int Limit, IReadOnlyDictionary<string, IReadOnlyList<string>>? Headers);

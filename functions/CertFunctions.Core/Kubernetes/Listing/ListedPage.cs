namespace CertFunctions.Core.Kubernetes.Listing;

/// <summary>One page of a list call, and the token of the next one (null on the last page).</summary>
/// <param name="Items">The page's objects.</param>
/// <param name="Continue">The continue token, or null.</param>
public sealed record ListedPage(IReadOnlyList<ListedObject> Items, string? Continue);

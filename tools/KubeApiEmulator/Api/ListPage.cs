using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Api;

/// <summary>One page of a list: the items, the list resourceVersion, and how to continue.</summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);

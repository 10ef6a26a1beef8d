namespace KubeApiEmulator.Storage;

/// <summary>A replaced or deleted version of an object, kept so paged lists can finish at their snapshot.</summary>
/// <param name="Object">The old version.</param>
/// <param name="Until">The resourceVersion that replaced or deleted it: it is visible to snapshots before this.</param>
/// <param name="At">When it was superseded (versions older than the retention are compacted away).</param>
internal sealed record SupersededVersion(StoredObject Object, long Until, DateTimeOffset At);

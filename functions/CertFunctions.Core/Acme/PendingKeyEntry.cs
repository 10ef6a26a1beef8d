using Azure;

namespace CertFunctions.Core.Acme;

/// <summary>A pending certificate key as listed: where it is, whose it is, when it was written (never the key itself).</summary>
/// <param name="BlobName">The blob in the state container.</param>
/// <param name="Owner">The orchestration instance that saved it; null for keys saved before owners were recorded.</param>
/// <param name="Written">When it was last written.</param>
/// <param name="ETag">Its version when listed, so a delete never removes a key rewritten since.</param>
public sealed record PendingKeyEntry(string BlobName, string? Owner, DateTimeOffset Written, ETag ETag);

using Azure;

namespace CertFunctions.Core.Challenges;

/// <summary>A token in the challenge container as its listing shows it.</summary>
/// <param name="Token">The token (the blob name).</param>
/// <param name="Owners">The orchestration instances presenting it (a CA hands every run of an account the same pending authorization).</param>
/// <param name="Written">When it was last written.</param>
/// <param name="ETag">Its version when listed: a sweep changes it only if nobody wrote it since.</param>
public sealed record PublishedToken(string Token, IReadOnlyList<string> Owners, DateTimeOffset Written, ETag ETag);

namespace CertFunctions.Core.Challenges;

/// <summary>A token in the challenge container as its listing shows it.</summary>
/// <param name="Token">The token (the blob name).</param>
/// <param name="Owner">The orchestration instance that published it.</param>
/// <param name="Written">When it was written.</param>
public sealed record PublishedToken(string Token, string Owner, DateTimeOffset Written);

namespace CertFunctions.Core.SelfCheck;

/// <summary>The answer to one fetch of a challenge URL.</summary>
/// <param name="Host">The name checked.</param>
/// <param name="Passed">True when the body equalled the key authorization.</param>
/// <param name="Detail">What was seen (status, redirect chain, error), for custom status and events.</param>
public sealed record SelfCheckAttempt(string Host, bool Passed, string Detail);

namespace CertFunctions.Testing.Pebble;

/// <summary>The answer <see cref="PebbleHoldingProxy"/> gives instead of Pebble's.</summary>
/// <param name="StatusCode">Status code.</param>
/// <param name="Body">Body.</param>
/// <param name="ContentType">Content type.</param>
/// <param name="Headers">Extra headers (e.g. Retry-After, Location).</param>
public sealed record PebbleReplacement(int StatusCode, string Body, string ContentType, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A 429 rateLimited problem with Retry-After, as Let's Encrypt sends it.</summary>
    public static PebbleReplacement RateLimited(TimeSpan retryAfter, string detail) => new(
        429,
        $$"""{"type":"urn:ietf:params:acme:error:rateLimited","detail":"{{detail}}","status":429}""",
        "application/problem+json",
        new Dictionary<string, string> { ["Retry-After"] = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) });
}

namespace CertFunctions.Acme.Ari;

/// <summary>The CA's renewal advice (RFC 9773): the suggested window, an optional explanation and when to ask again.</summary>
public sealed record RenewalInfo(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    Uri? ExplanationUrl,
    TimeSpan? RetryAfter)
{
    /// <summary>A uniformly random time inside the window, as RFC 9773 section 4.2 recommends.</summary>
    public DateTimeOffset ChooseRenewalTime(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var span = WindowEnd - WindowStart;
        return span <= TimeSpan.Zero ? WindowStart : WindowStart + TimeSpan.FromTicks((long)(random.NextDouble() * span.Ticks));
    }
}

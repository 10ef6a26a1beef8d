using System.ComponentModel.DataAnnotations;

namespace CertFunctions.Core.Challenges;

/// <summary>Settings of the anonymous http-01 responder (section <c>Responder</c>).</summary>
public sealed class ResponderOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Responder";

    /// <summary>Answer a token only when the request's Host header is one of the names it was published for.</summary>
    public bool RequireKnownHost { get; set; }

    /// <summary>
    /// How long the list of published tokens is trusted before it is read again. Unknown tokens are answered
    /// from this list, so a flood of random tokens costs at most one storage listing per period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Responder:TokenListTtl must be between 50 ms and 1 minute.")]
    public TimeSpan TokenListTtl { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a key authorization read from storage is served from memory.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Responder:PositiveCacheTtl must be between 0 and 10 minutes.")]
    public TimeSpan PositiveCacheTtl { get; set; } = TimeSpan.FromSeconds(30);
}

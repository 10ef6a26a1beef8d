using System.Text;
using System.Text.RegularExpressions;

namespace CertFunctions.Core.SelfCheck;

/// <summary>A short, printable excerpt of an error answer's body, so a failed self-check says who answered and why.</summary>
/// <remarks>
/// A 503 or 404 alone does not tell a default backend from a missing Service or a controller's own error page; the
/// first words of the body usually do (an HTML page's title, a controller's one-line reason). The body comes from a
/// public URL the CA fetches too, so it holds nothing secret; it is still bounded and stripped of control characters
/// before it reaches custom status, Events and logs.
/// </remarks>
internal static partial class ResponseBodyHint
{
    /// <summary>Most bytes read from an error body.</summary>
    private const int MaxBytes = 1024;

    /// <summary>Most characters kept in the hint.</summary>
    internal const int MaxLength = 120;

    /// <summary>Reads the start of <paramref name="content"/> and returns <c>: "excerpt"</c>, or an empty string when there is nothing to show.</summary>
    public static async Task<string> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        ArraySegment<byte> body;
        try
        {
            body = await BoundedBody.ReadAtMostAsync(content, MaxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The status alone is still the answer; a body cut off mid-read adds nothing reliable.
            return string.Empty;
        }

        var excerpt = Excerpt(Encoding.UTF8.GetString(body));
        return excerpt.Length == 0 ? string.Empty : $": \"{excerpt}\"";
    }

    /// <summary>The title of an HTML page, else the first non-empty line, printable and at most <see cref="MaxLength"/> characters.</summary>
    internal static string Excerpt(string body)
    {
        var title = HtmlTitle().Match(body);
        var text = title.Success
            ? title.Groups["title"].Value
            : body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        var printable = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        foreach (var c in text)
        {
            if (printable.Length > MaxLength)
            {
                break;
            }

            printable.Append(char.IsControl(c) || c == '"' ? ' ' : c);
        }

        var collapsed = Whitespace().Replace(printable.ToString(), " ").Trim();
        return collapsed.Length > MaxLength ? collapsed[..MaxLength] + "…" : collapsed;
    }

    [GeneratedRegex("<title>(?<title>[^<]*)</title>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HtmlTitle();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Whitespace();
}

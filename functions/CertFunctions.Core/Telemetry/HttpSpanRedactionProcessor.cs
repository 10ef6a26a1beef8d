using System.Diagnostics;
using OpenTelemetry;

namespace CertFunctions.Core.Telemetry;

/// <summary>
/// The safety net behind <see cref="HttpSpanRedaction.Enrich"/>: on every span that ends, any URL attribute loses its
/// query and challenge token, whichever instrumentation set it.
/// </summary>
public sealed class HttpSpanRedactionProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url", "url.path", "url.query"];

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string value)
            {
                data.SetTag(tag, tag == "url.query" ? null : HttpSpanRedaction.Redact(value));
            }
        }
    }
}

using System.Net;
using System.Text.Json.Serialization.Metadata;
using CertFunctions.Acme.Errors;

namespace CertFunctions.Acme.Http;

/// <summary>A successful ACME response, read fully: status, body and the headers ACME uses.</summary>
internal sealed record AcmeResponse(
    Uri RequestUri,
    HttpStatusCode Status,
    byte[] Body,
    Uri? Location,
    IReadOnlyList<Uri> AlternateLinks,
    TimeSpan? RetryAfter)
{
    public T ReadJson<T>(JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(Body, typeInfo)
                ?? throw new AcmeProtocolException($"Empty JSON from {RequestUri}.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new AcmeProtocolException($"Unreadable JSON from {RequestUri}: {ex.Message}", ex);
        }
    }

    public Uri RequireLocation() => Location ?? throw new AcmeProtocolException($"No Location header in the answer from {RequestUri}.");
}

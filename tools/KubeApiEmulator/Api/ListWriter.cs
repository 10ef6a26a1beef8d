using System.Globalization;
using System.Text.Json;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Api;

/// <summary>Writes a list page as {kind: XList, apiVersion, metadata, items}, copying stored bytes straight through.</summary>
internal static class ListWriter
{
    /// <summary>Writes <paramref name="page"/> to the response.</summary>
    public static async Task WriteAsync(HttpResponse response, ResourceType type, ListPage page, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter, JsonText.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("kind", type.Kind + "List");
        writer.WriteString("apiVersion", type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
        if (page.Continue is not null)
        {
            writer.WriteString("continue", page.Continue);
        }

        if (page.RemainingItemCount is long remaining)
        {
            writer.WriteNumber("remainingItemCount", remaining);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("items");
        var count = 0;
        foreach (var item in page.Items)
        {
            if (type == ResourceCatalog.Events)
            {
                ObjectOperations.Present(type, item.ToNode()).WriteTo(writer, JsonText.Options);
            }
            else
            {
                writer.WriteRawValue(item.Json, skipInputValidation: true);
            }

            if (++count % 256 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }
}

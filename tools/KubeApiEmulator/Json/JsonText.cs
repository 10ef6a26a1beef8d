using System.Text.Encodings.Web;
using System.Text.Json;

namespace KubeApiEmulator;

/// <summary>Shared JSON settings: compact output that keeps '&lt;', '&gt;' and '&amp;' the way Go writes them (escaped).</summary>
internal static class JsonText
{
    /// <summary>Serializer options used everywhere in the emulator.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Writer options matching <see cref="Options"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
}

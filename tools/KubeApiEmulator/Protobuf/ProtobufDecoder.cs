using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Protobuf;

/// <summary>
/// Reads a Kubernetes protobuf body ("k8s\0" + runtime.Unknown{typeMeta, raw}) into the JSON object it stands for.
/// </summary>
internal static class ProtobufDecoder
{
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    /// <summary>Decodes <paramref name="body"/>.</summary>
    /// <exception cref="FormatException">The body is not a Kubernetes protobuf object of a kind read here.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new FormatException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }

        var reader = new ProtoReader(body[Magic.Length..]);
        string apiVersion = string.Empty, kind = string.Empty;
        var raw = ReadOnlySpan<byte>.Empty;
        while (reader.HasMore)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    {
                        var typeMeta = new ProtoReader(reader.ReadBytes());
                        while (typeMeta.HasMore)
                        {
                            var (metaField, metaWire) = typeMeta.ReadTag();
                            if (metaField == 1)
                            {
                                apiVersion = Encoding.UTF8.GetString(typeMeta.ReadBytes());
                            }
                            else if (metaField == 2)
                            {
                                kind = Encoding.UTF8.GetString(typeMeta.ReadBytes());
                            }
                            else
                            {
                                typeMeta.Skip(metaWire);
                            }
                        }

                        break;
                    }

                case 2:
                    raw = reader.ReadBytes();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        var message = ProtoMessages.For(apiVersion, kind) ?? throw new FormatException($"protobuf bodies of {apiVersion} {kind} are not supported; send JSON");
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        ReadMessage(raw, message, obj);
        return obj;
    }

    private static void ReadMessage(ReadOnlySpan<byte> data, ProtoMessage message, JsonObject target)
    {
        var reader = new ProtoReader(data);
        while (reader.HasMore)
        {
            var (number, wireType) = reader.ReadTag();
            if (!message.Fields.TryGetValue(number, out var field))
            {
                reader.Skip(wireType);
                continue;
            }

            JsonNode? value;
            switch (field.Kind)
            {
                case ProtoKind.Text:
                    value = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case ProtoKind.Bytes:
                    value = Convert.ToBase64String(reader.ReadBytes());
                    break;
                case ProtoKind.Integer:
                    value = (long)reader.ReadVarint();
                    break;
                case ProtoKind.Flag:
                    value = reader.ReadVarint() != 0;
                    break;
                case ProtoKind.Time:
                    value = ReadTime(reader.ReadBytes());
                    break;
                case ProtoKind.IntOrString:
                    value = ReadIntOrString(reader.ReadBytes());
                    break;
                case ProtoKind.StringMap or ProtoKind.BytesMap:
                    {
                        var (key, entry) = ReadMapEntry(reader.ReadBytes(), field.Kind == ProtoKind.BytesMap);
                        target.GetOrAddObject(field.JsonName)[key] = entry;
                        continue;
                    }

                default:
                    {
                        var child = new JsonObject();
                        ReadMessage(reader.ReadBytes(), field.Message!, field.JsonName.Length == 0 ? target : child);
                        if (field.JsonName.Length == 0)
                        {
                            continue;
                        }

                        value = child;
                        break;
                    }
            }

            if (!field.Repeated && IsZero(value))
            {
                // Go writes every non-pointer field to protobuf; its JSON encoding omits the empty ones (omitempty).
                continue;
            }

            if (field.Repeated)
            {
                if (target[field.JsonName] is not JsonArray list)
                {
                    list = [];
                    target[field.JsonName] = list;
                }

                list.Add(value);
            }
            else
            {
                target[field.JsonName] = value;
            }
        }
    }

    private static bool IsZero(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length == 0,
        JsonValue v when v.TryGetValue<long>(out var number) => number == 0,
        JsonValue v when v.TryGetValue<bool>(out var flag) => !flag,
        _ => false,
    };

    private static (string Key, JsonNode Value) ReadMapEntry(ReadOnlySpan<byte> data, bool bytesValue)
    {
        var reader = new ProtoReader(data);
        var key = string.Empty;
        JsonNode value = string.Empty;
        while (reader.HasMore)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1)
            {
                key = Encoding.UTF8.GetString(reader.ReadBytes());
            }
            else if (number == 2)
            {
                var bytes = reader.ReadBytes();
                value = bytesValue ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes);
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return (key, value);
    }

    private static string ReadTime(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        long seconds = 0;
        while (reader.HasMore)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1)
            {
                seconds = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static JsonNode ReadIntOrString(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        long type = 0, number = 0;
        var text = string.Empty;
        while (reader.HasMore)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    type = (long)reader.ReadVarint();
                    break;
                case 2:
                    number = (long)reader.ReadVarint();
                    break;
                case 3:
                    text = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return type == 1 ? text : number;
    }
}

namespace KubeApiEmulator.Protobuf;

/// <summary>How a protobuf field maps to JSON.</summary>
internal enum ProtoKind
{
    /// <summary>string.</summary>
    Text,

    /// <summary>bytes, written as base64 (Secret data values).</summary>
    Bytes,

    /// <summary>A varint integer.</summary>
    Integer,

    /// <summary>A varint boolean.</summary>
    Flag,

    /// <summary>A nested message.</summary>
    Message,

    /// <summary>map&lt;string,string&gt;.</summary>
    StringMap,

    /// <summary>map&lt;string,bytes&gt;, values written as base64.</summary>
    BytesMap,

    /// <summary>meta/v1 Time {seconds, nanos}, written as RFC 3339.</summary>
    Time,

    /// <summary>intstr.IntOrString {type, intVal, strVal}.</summary>
    IntOrString,
}

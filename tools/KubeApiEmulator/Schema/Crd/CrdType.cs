namespace KubeApiEmulator.Schema.Crd;

/// <summary>The OpenAPI type of a CRD schema node (a map is an object with string additionalProperties).</summary>
internal enum CrdType
{
    /// <summary>An object with named properties.</summary>
    Object,

    /// <summary>An object whose every value is a string (additionalProperties: string).</summary>
    StringMap,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>Anything (x-kubernetes-preserve-unknown-fields, or a part this emulator does not check).</summary>
    Any,
}

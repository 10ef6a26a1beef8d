namespace KubeApiEmulator.Schema;

/// <summary>The JSON shape a schema node expects.</summary>
internal enum SchemaShape
{
    /// <summary>A Go struct: a JSON object with known fields.</summary>
    Struct,

    /// <summary>A Go slice: a JSON array.</summary>
    List,

    /// <summary>A Go map: a JSON object with any keys.</summary>
    Map,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON integer.</summary>
    Integer,

    /// <summary>A JSON boolean.</summary>
    Boolean,

    /// <summary>A JSON integer or string.</summary>
    IntOrString,

    /// <summary>Anything.</summary>
    Any,
}

namespace KubeApiEmulator.Api;

/// <summary>The fieldValidation directive of a write request.</summary>
internal enum FieldValidation
{
    /// <summary>Drop unknown fields silently.</summary>
    Ignore,

    /// <summary>Drop unknown fields and warn (the server default).</summary>
    Warn,

    /// <summary>Reject unknown fields (what kubectl sends).</summary>
    Strict,
}

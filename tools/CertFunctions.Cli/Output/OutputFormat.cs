namespace CertFunctions.Cli.Output;

/// <summary>How results are written to standard output.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns and short lines for people.</summary>
    Table,

    /// <summary>The API's JSON, indented, for scripts.</summary>
    Json,
}

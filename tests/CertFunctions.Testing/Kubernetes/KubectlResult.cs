namespace CertFunctions.Testing.Kubernetes;

/// <summary>The outcome of one kubectl run.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StandardOutput">Everything kubectl wrote to stdout.</param>
/// <param name="StandardError">Everything kubectl wrote to stderr.</param>
public sealed record KubectlResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when kubectl exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout: {StandardOutput}{Environment.NewLine}stderr: {StandardError}";
}

namespace CertFunctions.Testing.Processes;

/// <summary>Thrown when a program the local world needs is not installed; the message names the package.</summary>
public sealed class MissingProgramException(string program, string installHint)
    : Exception($"'{program}' was not found. Install it: {installHint} (scripts/test.sh installs everything the suite needs).")
{
    /// <summary>The program that was looked for.</summary>
    public string Program { get; } = program;
}

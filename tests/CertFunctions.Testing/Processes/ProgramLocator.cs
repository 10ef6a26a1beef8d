namespace CertFunctions.Testing.Processes;

/// <summary>Finds the programs of the local world on PATH (or an explicit override).</summary>
public static class ProgramLocator
{
    /// <summary>The repository root (the folder holding CertFunctions.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Returns the full path of <paramref name="program"/> or throws naming the package to install.</summary>
    /// <param name="program">File name to look for.</param>
    /// <param name="installHint">How to install it, e.g. "apt-get install pebble".</param>
    /// <param name="extraDirectories">Folders searched before PATH.</param>
    public static string Require(string program, string installHint, params string[] extraDirectories)
    {
        var overrideVariable = "CERTFUNCTIONS_" + program.ToUpperInvariant().Replace('-', '_') + "_PATH";
        var overridePath = Environment.GetEnvironmentVariable(overrideVariable);
        if (!string.IsNullOrEmpty(overridePath))
        {
            return File.Exists(overridePath)
                ? overridePath
                : throw new MissingProgramException($"{program} (from {overrideVariable}={overridePath})", installHint);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in extraDirectories.Concat(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new MissingProgramException(program, installHint);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CertFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CertFunctions.sln was not found above " + AppContext.BaseDirectory);
    }
}

namespace CertFunctions.Testing.Processes;

/// <summary>Finds the build output of other projects in this repository, in the configuration the tests were built in.</summary>
public static class BuildOutput
{
    /// <summary>The configuration (Debug or Release) of the running test assembly.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    /// <summary>The output folder of the project at <paramref name="projectDirectory"/> (relative to the repository root).</summary>
    public static string Of(string projectDirectory)
        => Path.Combine(ProgramLocator.RepositoryRoot, projectDirectory, "bin", Configuration, "net10.0");
}

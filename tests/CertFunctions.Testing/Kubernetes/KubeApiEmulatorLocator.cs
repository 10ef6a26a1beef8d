using CertFunctions.Testing.Processes;

namespace CertFunctions.Testing.Kubernetes;

/// <summary>Finds the built emulator: tools/KubeApiEmulator/bin/&lt;Configuration&gt;/net10.0/KubeApiEmulator.dll.</summary>
public static class KubeApiEmulatorLocator
{
    /// <summary>Environment variable that points at another KubeApiEmulator.dll.</summary>
    public const string OverrideVariable = "CERTFUNCTIONS_KUBEAPIEMULATOR_DLL";

    /// <summary>The build configuration of the running test assembly (Debug, Release), from its output path.</summary>
    public static string Configuration
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return directory.Parent?.Name is { Length: > 0 } name && directory.Parent.Parent?.Name == "bin" ? name : "Debug";
        }
    }

    /// <summary>The emulator assembly to run with dotnet.</summary>
    /// <exception cref="FileNotFoundException">The emulator is not built.</exception>
    public static string AssemblyPath()
    {
        var overridePath = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrEmpty(overridePath))
        {
            return File.Exists(overridePath) ? overridePath : throw new FileNotFoundException($"{OverrideVariable}={overridePath} does not exist.", overridePath);
        }

        var path = Path.Combine(ProgramLocator.RepositoryRoot, "tools", "KubeApiEmulator", "bin", Configuration, "net10.0", "KubeApiEmulator.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"The Kubernetes API emulator is not built at {path}. Build it (dotnet build tools/KubeApiEmulator -c {Configuration}) or add " +
                "<ProjectReference Include=\"../../tools/KubeApiEmulator/KubeApiEmulator.csproj\" ReferenceOutputAssembly=\"false\" /> to the test project.",
                path);
    }
}

namespace AcmeBench;

/// <summary>What every run needs: the Pebble directory, its TLS CA file, the validation port and a scratch folder.</summary>
internal sealed record BenchEnvironment(Uri DirectoryUri, string TlsCaPath, int ValidationPort, string ScratchDirectory);

namespace KubeApiEmulator.Patching;

/// <summary>A patch that does not apply to the object; the message reads like the Go patch libraries'.</summary>
internal sealed class PatchException(string message) : Exception(message);

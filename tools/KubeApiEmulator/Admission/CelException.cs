namespace KubeApiEmulator.Admission;

/// <summary>A matchCondition expression that does not compile, or fails when evaluated (no such key, wrong type).</summary>
internal sealed class CelException(string message) : Exception(message);

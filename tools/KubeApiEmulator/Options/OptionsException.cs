namespace KubeApiEmulator.Options;

/// <summary>A command line the emulator cannot run with; the message says what is wrong.</summary>
internal sealed class OptionsException(string message) : Exception(message);

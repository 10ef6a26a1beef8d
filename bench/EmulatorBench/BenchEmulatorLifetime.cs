namespace EmulatorBench;

/// <summary>Stops the benchmark's emulator when the run ends, whatever happens.</summary>
internal sealed class BenchEmulatorLifetime(BenchEmulator emulator) : IAsyncDisposable
{
    /// <summary>The emulator.</summary>
    public BenchEmulator Emulator { get; } = emulator;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Emulator.DisposeAsync();
}

namespace RenewalScanBench;

/// <summary>Samples GC.GetTotalMemory(false) every few milliseconds while running; keeps the largest value.</summary>
internal sealed class HeapSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    private HeapSampler()
    {
        _peak = GC.GetTotalMemory(false);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The largest managed heap size seen, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    /// <summary>Starts sampling.</summary>
    public static HeapSampler Start() => new();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            var now = GC.GetTotalMemory(false);
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }
        }
    }
}

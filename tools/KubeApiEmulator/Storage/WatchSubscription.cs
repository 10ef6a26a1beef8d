using System.Threading.Channels;

namespace KubeApiEmulator.Storage;

/// <summary>One open watch: events of a collection that pass its filter, queued for the response writer.</summary>
internal sealed class WatchSubscription(string storage, Func<StoredObject, bool> filter)
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The watched collection.</summary>
    public string Storage { get; } = storage;

    /// <summary>The queued events.</summary>
    public ChannelReader<WatchEvent> Events => _events.Reader;

    /// <summary>Queues <paramref name="change"/> when it passes the filter.</summary>
    public void Offer(WatchEvent change)
    {
        if (filter(change.Object))
        {
            _events.Writer.TryWrite(change);
        }
    }

    /// <summary>Ends the stream.</summary>
    public void Complete() => _events.Writer.TryComplete();
}

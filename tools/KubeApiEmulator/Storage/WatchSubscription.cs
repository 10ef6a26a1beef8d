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

    /// <summary>
    /// Queues <paramref name="change"/> as the watch cache shows it through the filter: a modification that brings an
    /// object into the selection is ADDED, one that takes it out is DELETED (the old content at the new resourceVersion).
    /// </summary>
    public void Offer(WatchEvent change)
    {
        var passes = filter(change.Object);
        if (change.Type != "MODIFIED" || change.Previous is null)
        {
            if (passes)
            {
                _events.Writer.TryWrite(change);
            }

            return;
        }

        var passed = filter(change.Previous);
        if (passes)
        {
            _events.Writer.TryWrite(passed ? change : change with { Type = "ADDED" });
        }
        else if (passed)
        {
            _events.Writer.TryWrite(change with { Type = "DELETED", Object = change.Previous.AtResourceVersion(change.Object.ResourceVersion) });
        }
    }

    /// <summary>Ends the stream.</summary>
    public void Complete() => _events.Writer.TryComplete();
}

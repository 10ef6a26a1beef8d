using System.Threading.Channels;

namespace CertFunctions.Core.Admission;

/// <summary>
/// Holds admitted writes between the webhook's answer and their start, in memory: recording one costs no storage call, so
/// the answer never waits on Durable storage. Writes of one object that pile up before their start coalesce into one,
/// the newest generation. What is lost here (a full queue, an instance stopped first) the discovery trigger catches.
/// </summary>
public sealed class AdmissionBacklog
{
    /// <summary>Most objects waiting to be started at once; beyond it a write is dropped and left to discovery.</summary>
    public const int Capacity = 10_000;

    private readonly Dictionary<string, PendingAdmission> _pending = new(StringComparer.Ordinal);
    private readonly Channel<string> _ids = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Lock _gate = new();

    /// <summary>How many objects wait to be started.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Records <paramref name="admission"/>; false when the queue is full and the write is left to discovery.</summary>
    public bool Enqueue(PendingAdmission admission)
    {
        ArgumentNullException.ThrowIfNull(admission);
        var id = admission.Certificate.InstanceId;
        lock (_gate)
        {
            if (_pending.TryGetValue(id, out var waiting))
            {
                // Same object, not started yet: one start, for the newest generation (or the new object, when it was recreated).
                if (admission.Admitted.Generation >= waiting.Admitted.Generation || admission.Admitted.Uid != waiting.Admitted.Uid)
                {
                    _pending[id] = admission;
                }

                return true;
            }

            if (_pending.Count >= Capacity)
            {
                return false;
            }

            _pending[id] = admission;
        }

        // Unbounded, never completed: the write always succeeds.
        _ids.Writer.TryWrite(id);
        return true;
    }

    /// <summary>Waits for the next object to start and takes it out of the queue.</summary>
    public async ValueTask<PendingAdmission> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var id = await _ids.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_pending.Remove(id, out var admission))
                {
                    return admission;
                }
            }
        }
    }
}

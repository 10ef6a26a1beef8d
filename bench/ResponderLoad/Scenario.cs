namespace ResponderLoad;

/// <summary>One wrk run and the storage requests the responder made meanwhile.</summary>
internal sealed record Scenario(string Server, string Tokens, WrkResult Wrk, (int List, int Read, int Other)? Storage)
{
    /// <summary>Storage calls (list + read) per request, for the host.</summary>
    public double? StoragePerRequest => Storage is { } s && Wrk.Requests > 0 ? (s.List + s.Read) / (double)Wrk.Requests : null;
}

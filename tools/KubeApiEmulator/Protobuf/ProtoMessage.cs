namespace KubeApiEmulator.Protobuf;

/// <summary>A protobuf message of the Kubernetes API: field numbers to JSON fields.</summary>
internal sealed class ProtoMessage(params (int Number, ProtoField Field)[] fields)
{
    /// <summary>The fields by number.</summary>
    public IReadOnlyDictionary<int, ProtoField> Fields { get; } = fields.ToDictionary(f => f.Number, f => f.Field);
}

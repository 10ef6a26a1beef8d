namespace KubeApiEmulator.Protobuf;

/// <summary>One field of a Kubernetes protobuf message and the JSON field it becomes.</summary>
internal sealed record ProtoField(string JsonName, ProtoKind Kind, bool Repeated = false, ProtoMessage? Message = null);

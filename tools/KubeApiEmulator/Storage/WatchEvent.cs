namespace KubeApiEmulator.Storage;

/// <summary>One change to a stored object, as a watch reports it.</summary>
internal sealed record WatchEvent(string Storage, string Type, StoredObject Object, StoredObject? Previous = null);

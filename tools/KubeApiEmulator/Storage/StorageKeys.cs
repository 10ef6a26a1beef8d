namespace KubeApiEmulator.Storage;

/// <summary>Sort keys of stored objects: "namespace/name" or "name".</summary>
internal static class StorageKeys
{
    /// <summary>The key of an object.</summary>
    public static string For(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    /// <summary>The first key of a namespace's range.</summary>
    public static string NamespaceStart(string ns) => ns + "/";

    /// <summary>The first key after a namespace's range ('0' follows '/').</summary>
    public static string NamespaceEnd(string ns) => ns + "0";
}

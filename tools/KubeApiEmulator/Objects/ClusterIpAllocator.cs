using System.Globalization;

namespace KubeApiEmulator.Objects;

/// <summary>Hands out Service cluster IPs from 10.96.0.0/12, as a default cluster does.</summary>
internal sealed class ClusterIpAllocator
{
    private int _next = 10;

    /// <summary>The next free address.</summary>
    public string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return string.Create(CultureInfo.InvariantCulture, $"10.{96 + ((n >> 16) & 0x0F)}.{(n >> 8) & 0xFF}.{n & 0xFF}");
    }
}

using System.Net;
using System.Net.Sockets;

namespace CertFunctions.Testing.Network;

/// <summary>Hands out free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>Returns a loopback TCP port that is free now and was not handed out before in this process.</summary>
    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>Returns a port free on loopback for both TCP and UDP (for DNS servers).</summary>
    public static int NextForTcpAndUdp()
    {
        while (true)
        {
            var port = Next();
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP; try another.
            }
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CertFunctions.Testing.Network;

/// <summary>Hands out loopback TCP ports that no other test process of this machine is handed at the same time.</summary>
/// <remarks>
/// A port that is merely free when checked can be taken before the server that asked for it binds, and the test
/// projects run in parallel processes. Two things close that gap: ports come from below the kernel's ephemeral range
/// (so no outgoing connection or port-0 listener is ever given one), and each port is reserved with a lock file that
/// this process holds open until it exits, so another test process skips it.
/// </remarks>
public static class FreePort
{
    private const int RangeStart = 20000;
    private static readonly HashSet<int> Handed = [];
    private static readonly List<FileStream> Reservations = [];
    private static readonly string ReservationDirectory = Path.Combine(Path.GetTempPath(), "certfunctions-ports");
    private static readonly int RangeEnd = EphemeralRangeStart();

    /// <summary>Returns a loopback TCP port that is free now, reserved for this process, and was not handed out before in it.</summary>
    public static int Next() => Next(udpToo: false);

    /// <summary>Returns a port free on loopback for both TCP and UDP (for DNS servers).</summary>
    public static int NextForTcpAndUdp() => Next(udpToo: true);

    private static int Next(bool udpToo)
    {
        lock (Handed)
        {
            if (RangeEnd - RangeStart < 1000)
            {
                // An unusual ephemeral range leaves no room below it: fall back to the kernel's choice.
                return KernelChosen(udpToo);
            }

            while (true)
            {
                var port = Random.Shared.Next(RangeStart, RangeEnd);
                if (Handed.Contains(port) || !IsFree(port, udpToo) || !TryReserve(port))
                {
                    continue;
                }

                Handed.Add(port);
                return port;
            }
        }
    }

    private static bool IsFree(int port, bool udpToo)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            if (udpToo)
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool TryReserve(int port)
    {
        Directory.CreateDirectory(ReservationDirectory);
        try
        {
            // FileShare.None takes an exclusive advisory lock on Unix; the kernel drops it when this process ends.
            var reservation = new FileStream(
                Path.Combine(ReservationDirectory, port.ToString(CultureInfo.InvariantCulture)),
                FileMode.OpenOrCreate,
                FileAccess.ReadWrite,
                FileShare.None);
            Reservations.Add(reservation);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int KernelChosen(bool udpToo)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (Handed.Add(port) && (!udpToo || IsFree(port, udpToo: true)))
            {
                return port;
            }
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}

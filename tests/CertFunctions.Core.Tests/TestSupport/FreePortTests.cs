using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CertFunctions.Testing.Network;

namespace CertFunctions.Core.Tests.TestSupport;

/// <summary>The shared port source keeps parallel test processes off each other's ports and off the kernel's ephemeral ones.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void Ports_come_from_below_the_ephemeral_range_and_are_held_against_other_processes()
    {
        var ephemeralStart = int.Parse(
            File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0],
            CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1024, ephemeralStart - 1));
        foreach (var port in ports)
        {
            // Another process opening the reservation gets the same exclusive-lock refusal as this one does here.
            var path = Path.Combine(Path.GetTempPath(), "certfunctions-ports", port.ToString(CultureInfo.InvariantCulture));
            Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());

            // Handed out free: the server that asked can bind it.
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public void A_port_for_dns_is_free_for_tcp_and_udp()
    {
        var port = FreePort.NextForTcpAndUdp();

        using var tcp = new TcpListener(IPAddress.Loopback, port);
        tcp.Start();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
    }
}

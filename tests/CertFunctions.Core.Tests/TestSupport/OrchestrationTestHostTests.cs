using System.Net;
using System.Net.Sockets;
using CertFunctions.Core.Tests.Orchestration;
using CertFunctions.Testing.Network;

namespace CertFunctions.Core.Tests.TestSupport;

/// <summary>The orchestration tests' host start survives a port another process holds.</summary>
public sealed class OrchestrationTestHostTests
{
    [Fact]
    public async Task A_port_already_taken_is_skipped_for_another()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var offered = new List<int>();

        await using var host = await OrchestrationTestHost.StartAsync(
            _ => { },
            services: null,
            nextPort: () =>
            {
                var port = offered.Count == 0 ? taken : FreePort.Next();
                offered.Add(port);
                return port;
            });

        Assert.Equal(2, offered.Count);
        Assert.Equal(taken, offered[0]);
    }
}

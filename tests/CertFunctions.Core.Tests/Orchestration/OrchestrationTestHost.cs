using System.Net.Sockets;
using CertFunctions.Testing.Network;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Orchestration;

/// <summary>Starts an in-process Durable Task test host on a port that is free, retrying when another process takes it first.</summary>
internal static class OrchestrationTestHost
{
    private const int Attempts = 5;

    /// <summary>
    /// Starts a test host with the given registrations and worker <paramref name="services"/>; <paramref name="nextPort"/>
    /// replaces <see cref="FreePort.Next"/> in this helper's own test.
    /// </summary>
    /// <remarks>
    /// Left to itself the test host picks a random port in 30000–40000 without checking it, which collides now and
    /// then with the ephemeral ports other test processes bind in parallel (seen in CI as "address already in use").
    /// </remarks>
    public static async Task<DurableTaskTestHost> StartAsync(
        Action<DurableTaskRegistry> registry, Action<IServiceCollection>? services = null, Func<int>? nextPort = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions { Port = (nextPort ?? FreePort.Next)(), ConfigureServices = services });
            }
            catch (IOException e) when (attempt < Attempts && IsAddressInUse(e))
            {
                // Taken between the check and the bind; try another port.
            }
        }
    }

    private static bool IsAddressInUse(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text.Json.Nodes;

namespace CertFunctions.Testing.Kubernetes;

/// <summary>Where the emulator serves Gateway listener ports (a privileged port such as 443 is served on a free one).</summary>
public partial class KubeApiEmulatorFixture
{
    /// <summary>
    /// The local port on 127.0.0.1 where Gateway listener port <paramref name="listenerPort"/> is served, from
    /// <c>GET /_emulator/listeners</c>, waiting (up to 20 s) until a Gateway's listener has had it bound.
    /// </summary>
    /// <exception cref="InvalidOperationException">The port could not be bound (the emulator's reason), or no listener declared it in time.</exception>
    public async Task<int> GatewayListenerPortAsync(int listenerPort, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await ApiClient.GetAsync(AdminUri("listeners"), cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, "list Gateway listener ports", cancellationToken).ConfigureAwait(false);
            var listeners = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!["listeners"]!.AsArray();
            var entry = listeners.FirstOrDefault(l => (int?)l!["port"] == listenerPort);
            if (entry?["localPort"] is { } local)
            {
                return (int)local;
            }

            if (entry?["error"] is { } error)
            {
                throw new InvalidOperationException($"Gateway listener port {listenerPort} could not be bound: {error}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"No Gateway listener on port {listenerPort} was served within 20 s: {listeners.ToJsonString()}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}

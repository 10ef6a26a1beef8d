using System.Net.Http.Json;
using System.Text.Json;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Pebble;

[Collection(PebbleCollection.Name)]
public sealed class PebbleFixtureTests(PebbleFixture pebble)
{
    [Fact]
    public async Task Directory_is_served_over_TLS_trusted_through_the_generated_CA()
    {
        using var client = pebble.CreateHttpClient();

        var directory = await client.GetFromJsonAsync<JsonElement>(pebble.DirectoryUri);

        Assert.True(directory.TryGetProperty("newOrder", out _));
        Assert.StartsWith("https://127.0.0.1:", directory.GetProperty("newNonce").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_the_generated_CA_rejects_the_server_certificate()
    {
        using var client = new HttpClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(pebble.DirectoryUri));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Management_interface_serves_the_issuing_root()
    {
        var pem = await pebble.GetRootCertificatePemAsync(0);

        Assert.Contains("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        using var root = await pebble.GetRootCertificateAsync(0);
        Assert.Equal(root.Subject, root.Issuer);
    }

    [Fact]
    public void Validation_port_is_known_before_start()
    {
        var dedicated = PebbleFixture.Create(new PebbleOptions { ValidationPort = 45123 });

        Assert.Equal(45123, dedicated.ValidationPort);
        Assert.NotEqual(dedicated.ListenPort, dedicated.ManagementPort);
    }
}

using Azure.Identity;
using CertFunctions.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Storage;

/// <summary>The storage connection is read as the Functions host reads it: a connection string, or identity-based settings.</summary>
public sealed class BlobServiceClientFactoryTests : IDisposable
{
    private readonly ServiceProvider _services = Services();

    [Fact]
    public void A_connection_string_makes_a_key_client_for_its_account()
    {
        var client = Create(new() { ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=stcert;AccountKey=a2V5;EndpointSuffix=core.windows.net" });

        Assert.Equal(new Uri("https://stcert.blob.core.windows.net/"), client.Uri);
        Assert.Equal("stcert", client.AccountName);
    }

    [Fact]
    public void An_account_name_with_a_managed_identity_makes_an_identity_client_for_the_blob_endpoint()
    {
        var client = Create(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stcert",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-0000000000aa",
        });

        Assert.Equal(new Uri("https://stcert.blob.core.windows.net/"), client.Uri);
        Assert.False(client.CanGenerateAccountSasUri); // no key: identity only
    }

    [Fact]
    public void A_blob_service_uri_wins_over_the_account_name()
    {
        var client = Create(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stcert.privatelink.blob.core.windows.net",
            ["AzureWebJobsStorage:accountName"] = "ignored",
        });

        Assert.Equal(new Uri("https://stcert.privatelink.blob.core.windows.net/"), client.Uri);
    }

    [Fact]
    public void The_credential_settings_are_read_by_the_azure_client_library()
    {
        var credential = _services.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(
            Configuration(new() { ["credential"] = "managedidentity", ["clientId"] = "00000000-0000-0000-0000-0000000000aa" }));

        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Theory]
    [InlineData(null, "is not configured")]
    [InlineData("not a connection string", "is not a valid storage connection string")]
    public void A_missing_or_malformed_connection_names_the_setting(string? value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create(new() { ["AzureWebJobsStorage"] = value }));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _services.Dispose();

    private Azure.Storage.Blobs.BlobServiceClient Create(Dictionary<string, string?> settings)
        => BlobServiceClientFactory.Create(Configuration(settings), "AzureWebJobsStorage", _services.GetRequiredService<AzureComponentFactory>());

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        return services.BuildServiceProvider();
    }
}

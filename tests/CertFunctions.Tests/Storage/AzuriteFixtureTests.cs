using CertFunctions.Testing.Processes;
using CertFunctions.Testing.Storage;

namespace CertFunctions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_blob_round_trips_through_azurite()
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient("roundtrip-" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync();
        var blob = container.GetBlobClient("hello.txt");

        await blob.UploadAsync(BinaryData.FromString("hello azurite"));
        var downloaded = await blob.DownloadContentAsync();

        Assert.Equal("hello azurite", downloaded.Value.Content.ToString());
        Assert.Contains(container.GetBlobs(), b => b.Name == "hello.txt");
    }

    [Fact]
    public void A_missing_azurite_names_the_npm_package()
    {
        Environment.SetEnvironmentVariable("CERTFUNCTIONS_AZURITE_PATH", "/nonexistent/azurite");
        try
        {
            var error = Assert.Throws<MissingProgramException>(AzuriteFixture.LocateAzurite);
            Assert.Contains("npm package 'azurite'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CERTFUNCTIONS_AZURITE_PATH", null);
        }
    }
}

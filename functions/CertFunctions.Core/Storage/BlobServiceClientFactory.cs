using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Storage;

/// <summary>Builds the <see cref="BlobServiceClient"/> for <see cref="StorageOptions.ConnectionName"/>, the way the Functions host reads connections.</summary>
/// <remarks>
/// A connection is either a connection string (<c>AzureWebJobsStorage</c>), or an identity-based section
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>, with the credential settings
/// <see cref="AzureComponentFactory"/> reads: <c>__credential=managedidentity</c>, <c>__clientId</c>, ...), so the app
/// runs with no account key in its settings. Only the account name to blob endpoint step is ours, as in the Functions host.
/// </remarks>
public sealed class BlobServiceClientFactory(IConfiguration configuration, IOptions<StorageOptions> options, AzureComponentFactory components)
{
    private readonly Lazy<BlobServiceClient> _client = new(() => Create(configuration, options.Value.ConnectionName, components));

    /// <summary>The client for the configured connection.</summary>
    public BlobServiceClient Client => _client.Value;

    /// <summary>Creates a client from the named connection, failing with the setting's name when it is missing or malformed.</summary>
    public static BlobServiceClient Create(IConfiguration configuration, string connectionName, AzureComponentFactory components)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(components);
        var section = configuration.GetSection(connectionName);
        var connectionString = section.Value ?? configuration.GetConnectionString(connectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return new BlobServiceClient(connectionString);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"The setting '{connectionName}' is not a valid storage connection string.", ex);
            }
        }

        var serviceUri = section["blobServiceUri"] ?? section["serviceUri"];
        var accountName = section["accountName"];
        if (string.IsNullOrWhiteSpace(serviceUri) && string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Storage connection '{connectionName}' is not configured: set '{connectionName}' to a connection string, " +
                $"or '{connectionName}__accountName' (or '{connectionName}__blobServiceUri') for identity-based access.");
        }

        var uri = !string.IsNullOrWhiteSpace(serviceUri) ? new Uri(serviceUri) : new Uri($"https://{accountName}.blob.core.windows.net");
        return new BlobServiceClient(uri, components.CreateTokenCredential(section));
    }
}

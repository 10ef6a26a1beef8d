using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Storage;

/// <summary>Builds the <see cref="BlobServiceClient"/> for <see cref="StorageOptions.ConnectionName"/>, the way the Functions host reads connections.</summary>
/// <remarks>
/// A connection is either a connection string (<c>AzureWebJobsStorage</c>), or an identity-based section
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>, optional <c>__credential=managedidentity</c>
/// and <c>__clientId</c>), so the app runs with no account key in its settings.
/// </remarks>
public sealed class BlobServiceClientFactory(IConfiguration configuration, IOptions<StorageOptions> options)
{
    private readonly Lazy<BlobServiceClient> _client = new(() => Create(configuration, options.Value.ConnectionName));

    /// <summary>The client for the configured connection.</summary>
    public BlobServiceClient Client => _client.Value;

    /// <summary>Creates a client from the named connection, failing with the setting's name when it is missing or malformed.</summary>
    public static BlobServiceClient Create(IConfiguration configuration, string connectionName)
    {
        var connectionString = configuration[connectionName] ?? configuration.GetConnectionString(connectionName);
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

        var section = configuration.GetSection(connectionName);
        var serviceUri = section["blobServiceUri"];
        var accountName = section["accountName"];
        if (string.IsNullOrWhiteSpace(serviceUri) && string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Storage connection '{connectionName}' is not configured: set '{connectionName}' to a connection string, " +
                $"or '{connectionName}__accountName' (or '{connectionName}__blobServiceUri') for identity-based access.");
        }

        var uri = !string.IsNullOrWhiteSpace(serviceUri)
            ? new Uri(serviceUri)
            : new Uri($"https://{accountName}.blob.core.windows.net");
        var clientId = section["clientId"];
        var credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? (Azure.Core.TokenCredential)(string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return new BlobServiceClient(uri, credential);
    }
}

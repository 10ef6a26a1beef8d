using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ResponderLoad;

/// <summary>One challenge token published the way ChallengeTokenStore does: a blob in acme-challenges with hosts/owner metadata.</summary>
internal static class PublishedToken
{
    /// <summary>A random 43-character base64url string (the shape of an ACME token or thumbprint).</summary>
    public static string Random43() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Publishes <paramref name="token"/> with <paramref name="keyAuthorization"/>.</summary>
    public static async Task PublishAsync(string connectionString, string token, string keyAuthorization)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("acme-challenges");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(token).UploadAsync(
            BinaryData.FromString(keyAuthorization),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain" },
                Metadata = new Dictionary<string, string> { ["hosts"] = "load.bench.test", ["owner"] = "responder-load" },
            });
    }
}

using System.ComponentModel.DataAnnotations;

namespace CertFunctions.Core.Storage;

/// <summary>Where CertFunctions keeps its own state (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>
    /// Name of the storage connection (a connection string setting, or a section with <c>accountName</c>/<c>blobServiceUri</c>
    /// for identity-based access). Defaults to the Functions host's own <c>AzureWebJobsStorage</c>.
    /// </summary>
    [Required]
    public string ConnectionName { get; set; } = "AzureWebJobsStorage";

    /// <summary>Blob container holding the key authorizations the challenge responder serves.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Storage:ChallengeContainer must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).")]
    public string ChallengeContainer { get; set; } = "acme-challenges";

    /// <summary>Blob container holding the ACME account keys and per-certificate state.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Storage:StateContainer must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).")]
    public string StateContainer { get; set; } = "certfunctions-state";
}

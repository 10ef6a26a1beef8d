using System.ComponentModel.DataAnnotations;
using CertFunctions.Acme.Jws;
using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Acme;

/// <summary>The ACME CA and account (section <c>Acme</c>).</summary>
public sealed class AcmeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Acme";

    /// <summary>Let's Encrypt's staging directory: the safe default until a deployment is proven.</summary>
    public const string LetsEncryptStaging = "https://acme-staging-v02.api.letsencrypt.org/directory";

    /// <summary>The CA's directory URL.</summary>
    [Required(ErrorMessage = "Acme:DirectoryUrl is required.")]
    public Uri DirectoryUrl { get; set; } = new(LetsEncryptStaging);

    /// <summary>Contact e-mail for the account (expiry notices from CAs that send them); optional.</summary>
    public string? Email { get; set; }

    /// <summary>Algorithm of the account key, used when the account is created.</summary>
    public AccountKeyAlgorithm AccountKeyType { get; set; } = AccountKeyAlgorithm.ES256;

    /// <summary>Default certificate key type; an Ingress may override it by annotation.</summary>
    public CertificateKeyType CertificateKeyType { get; set; } = CertificateKeyType.EcdsaP256;

    /// <summary>Default ACME profile (when the CA lists profiles, e.g. Let's Encrypt's <c>classic</c>, <c>tlsserver</c>, <c>shortlived</c>).</summary>
    public string? Profile { get; set; }

    /// <summary>Preferred chain: the common name of the root (or top issuer) to prefer among alternate chains.</summary>
    public string? PreferredChain { get; set; }

    /// <summary>External account binding key id, for CAs that require one.</summary>
    public string? EabKeyId { get; set; }

    /// <summary>External account binding HMAC key (base64url); keep it in Key Vault.</summary>
    public string? EabHmacKey { get; set; }

    /// <summary>
    /// Extra root certificate (PEM file path) trusted for the CA's TLS, for private CAs and the local world (Pebble).
    /// Public CAs need nothing here.
    /// </summary>
    public string? TrustedRootPath { get; set; }

    /// <summary>Longest time one activity waits for authorizations or the order before handing back to the orchestration.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:09:00", ErrorMessage = "Acme:PollTimeout must be between 5 seconds and 9 minutes.")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

using System.ComponentModel.DataAnnotations;
using CertFunctions.Acme.Jws;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Acme;

/// <summary>
/// The ACME issuers (section <c>Acme</c>): either named issuers under <c>Acme:Issuers:&lt;name&gt;</c> with
/// <c>Acme:DefaultIssuer</c>, or — as before named issuers existed — one CA in <c>Acme:DirectoryUrl</c>, <c>Acme:Email</c>, ...,
/// which is the issuer named <c>default</c>. A deployment uses one form or the other, never both
/// (<see cref="AcmeIssuerCatalog"/> builds the issuers; <see cref="AcmeOptionsValidator"/> refuses a mix at start-up).
/// </summary>
public sealed class AcmeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Acme";

    /// <summary>Let's Encrypt's staging directory: the safe default until a deployment is proven.</summary>
    public const string LetsEncryptStaging = "https://acme-staging-v02.api.letsencrypt.org/directory";

    /// <summary>Named issuers (<c>Acme:Issuers:&lt;name&gt;</c>).</summary>
    public Dictionary<string, AcmeIssuerOptions> Issuers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The issuer of objects without <c>certfunctions.io/issuer</c>; optional when an issuer is named <c>default</c> or there is only one.</summary>
    public string? DefaultIssuer { get; set; }

    /// <summary>Single-issuer form: the CA's directory URL (Let's Encrypt staging when nothing is set).</summary>
    public Uri? DirectoryUrl { get; set; }

    /// <summary>Single-issuer form: contact e-mail for the account; optional.</summary>
    public string? Email { get; set; }

    /// <summary>Single-issuer form: algorithm of the account key (ES256 when not set).</summary>
    public AccountKeyAlgorithm? AccountKeyType { get; set; }

    /// <summary>Default certificate key type for every issuer; an object may override it by annotation.</summary>
    public CertificateKeyType CertificateKeyType { get; set; } = CertificateKeyType.EcdsaP256;

    /// <summary>Single-issuer form: default ACME profile (when the CA lists profiles, e.g. Let's Encrypt's <c>classic</c>, <c>tlsserver</c>, <c>shortlived</c>).</summary>
    public string? Profile { get; set; }

    /// <summary>Single-issuer form: preferred chain, the common name of the root (or top issuer) to prefer among alternate chains.</summary>
    public string? PreferredChain { get; set; }

    /// <summary>Single-issuer form: external account binding key id, for CAs that require one.</summary>
    public string? EabKeyId { get; set; }

    /// <summary>Single-issuer form: external account binding HMAC key (base64url); keep it in Key Vault.</summary>
    public string? EabHmacKey { get; set; }

    /// <summary>
    /// Single-issuer form: extra root certificate (PEM file path) trusted for the CA's TLS, for private CAs and the local
    /// world (Pebble). Public CAs need nothing here.
    /// </summary>
    public string? TrustedRootPath { get; set; }

    /// <summary>Longest time one activity waits for authorizations or the order before handing back to the orchestration.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:09:00", ErrorMessage = "Acme:PollTimeout must be between 5 seconds and 9 minutes.")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The properties of the single-issuer form (<c>Acme:&lt;name&gt;</c>), kept working as the issuer named <c>default</c>.</summary>
    public static IReadOnlyList<string> SingleIssuerSettings { get; } =
        [nameof(DirectoryUrl), nameof(Email), nameof(AccountKeyType), nameof(Profile), nameof(PreferredChain), nameof(EabKeyId), nameof(EabHmacKey), nameof(TrustedRootPath)];

    /// <summary>The single-issuer settings that are set, by setting name (a mix with <c>Acme:Issuers</c> is refused).</summary>
    public IReadOnlyList<string> SingleIssuerSettingsInUse()
    {
        var set = new List<string>();
        void Add(bool present, string name)
        {
            if (present)
            {
                set.Add($"{SectionName}:{name}");
            }
        }

        Add(DirectoryUrl is not null, nameof(DirectoryUrl));
        Add(!string.IsNullOrWhiteSpace(Email), nameof(Email));
        Add(AccountKeyType is not null, nameof(AccountKeyType));
        Add(!string.IsNullOrWhiteSpace(Profile), nameof(Profile));
        Add(!string.IsNullOrWhiteSpace(PreferredChain), nameof(PreferredChain));
        Add(!string.IsNullOrWhiteSpace(EabKeyId), nameof(EabKeyId));
        Add(!string.IsNullOrWhiteSpace(EabHmacKey), nameof(EabHmacKey));
        Add(!string.IsNullOrWhiteSpace(TrustedRootPath), nameof(TrustedRootPath));
        return set;
    }
}

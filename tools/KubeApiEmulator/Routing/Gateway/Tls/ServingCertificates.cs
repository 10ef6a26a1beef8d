using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Routing.Gateway.Tls;

/// <summary>
/// Loads listener certificates from their Secrets, keeping each until the Secret changes (uid or resourceVersion), so a
/// model rebuilt for an unrelated write does not parse every certificate again, and a replaced Secret is loaded anew.
/// </summary>
internal sealed class ServingCertificates
{
    /// <summary>The Secret type a certificateRef must have.</summary>
    public const string TlsSecretType = "kubernetes.io/tls";

    private readonly Lock _gate = new();
    private Dictionary<string, (string Uid, long Version, ServingCertificate Certificate)> _loaded = new(StringComparer.Ordinal);

    /// <summary>The certificate of each of <paramref name="secrets"/>, by "namespace/name"; entries for other Secrets are dropped.</summary>
    public IReadOnlyDictionary<string, ServingCertificate> Resolve(IEnumerable<StoredObject> secrets)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, (string Uid, long Version, ServingCertificate Certificate)>(StringComparer.Ordinal);
            foreach (var stored in secrets)
            {
                // Only a new or changed Secret is parsed at all.
                next[stored.Key] = _loaded.TryGetValue(stored.Key, out var known) && known.Uid == stored.Uid && known.Version == stored.ResourceVersion
                    ? known
                    : (stored.Uid, stored.ResourceVersion, Load(Read(stored)));
            }

            _loaded = next;
            return next.ToDictionary(p => p.Key, p => p.Value.Certificate, StringComparer.Ordinal);
        }
    }

    private static CertificateSecret Read(StoredObject stored)
    {
        var secret = stored.ToNode();
        return new CertificateSecret(stored.Key, stored.Uid, stored.ResourceVersion, secret.GetString("type"),
            secret.GetString("data", "tls.crt"), secret.GetString("data", "tls.key"));
    }

    /// <summary>Loads one Secret: a kubernetes.io/tls Secret whose tls.crt (leaf first, then intermediates) and tls.key parse and match.</summary>
    public static ServingCertificate Load(CertificateSecret secret)
    {
        if (secret.Type != TlsSecretType)
        {
            return ServingCertificate.Invalid($"secret {secret.Key} is of type {secret.Type ?? "Opaque"}, not {TlsSecretType}");
        }

        if (string.IsNullOrEmpty(secret.Certificate) || string.IsNullOrEmpty(secret.PrivateKey))
        {
            return ServingCertificate.Invalid($"secret {secret.Key} has no tls.crt or no tls.key");
        }

        try
        {
            var chainPem = Encoding.ASCII.GetString(Convert.FromBase64String(secret.Certificate));
            var keyPem = Encoding.ASCII.GetString(Convert.FromBase64String(secret.PrivateKey));
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(chainPem);
            if (chain.Count == 0)
            {
                return ServingCertificate.Invalid($"secret {secret.Key}: tls.crt holds no PEM certificate");
            }

            // A PKCS#12 round trip gives the key a form every TLS backend accepts for a server certificate.
            using var ephemeral = X509Certificate2.CreateFromPem(chainPem, keyPem);
            var leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            return ServingCertificate.Usable(SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(chain.Skip(1).ToArray()), offline: true));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            // The message names what failed (no PEM, a key that does not match), never the key itself.
            return ServingCertificate.Invalid($"secret {secret.Key}: tls.crt and tls.key cannot be loaded: {ex.Message}");
        }
    }
}

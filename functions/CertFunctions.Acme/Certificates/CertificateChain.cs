using System.Security.Cryptography.X509Certificates;

namespace CertFunctions.Acme.Certificates;

/// <summary>A PEM certificate chain as the CA sent it: the leaf first, then the intermediates.</summary>
public sealed class CertificateChain
{
    private CertificateChain(string pem, IReadOnlyList<X509Certificate2> certificates)
    {
        Pem = pem;
        Certificates = certificates;
    }

    /// <summary>The whole chain in PEM (what <c>tls.crt</c> holds).</summary>
    public string Pem { get; }

    /// <summary>The parsed certificates, leaf first.</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; }

    /// <summary>The end-entity certificate.</summary>
    public X509Certificate2 Leaf => Certificates[0];

    /// <summary>The certificates after the leaf.</summary>
    public IEnumerable<X509Certificate2> Intermediates => Certificates.Skip(1);

    /// <summary>The issuer name of the topmost certificate (the root this chain leads to).</summary>
    public X500DistinguishedName TopIssuer => Certificates[^1].IssuerName;

    /// <summary>Parses a PEM chain.</summary>
    public static CertificateChain Parse(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        if (collection.Count == 0)
        {
            throw new ArgumentException("The PEM text holds no certificate.", nameof(pem));
        }

        return new CertificateChain(pem, [.. collection]);
    }

    /// <summary>
    /// True when the topmost certificate was issued by a CA with this common name (as certbot's and lego's
    /// preferred chain), or, failing that, any certificate in the chain was.
    /// </summary>
    public bool IsIssuedBy(string issuerCommonName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuerCommonName);
        return Certificates.Any(c => string.Equals(c.GetNameInfo(X509NameType.SimpleName, forIssuer: true), issuerCommonName, StringComparison.Ordinal));
    }

    /// <summary>The chain as clean PEM: one block per certificate, leaf first, LF line ends, nothing else.</summary>
    public string ToPem()
    {
        var text = new System.Text.StringBuilder();
        foreach (var certificate in Certificates)
        {
            text.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Leaf.Subject} <- {string.Join(" <- ", Certificates.Select(c => c.Issuer))}";
}

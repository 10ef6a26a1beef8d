using System.Net.Security;

namespace KubeApiEmulator.Routing.Gateway.Tls;

/// <summary>A listener certificate loaded from its Secret (what a handshake presents: leaf and intermediates), or why it cannot be.</summary>
internal sealed class ServingCertificate
{
    private ServingCertificate(SslStreamCertificateContext? context, string? serialNumber, string? problem)
    {
        Context = context;
        SerialNumber = serialNumber;
        Problem = problem;
    }

    /// <summary>What SslStream serves: the leaf with its private key and the intermediates of tls.crt; null when unusable.</summary>
    public SslStreamCertificateContext? Context { get; }

    /// <summary>The leaf's serial number (hex), for logs.</summary>
    public string? SerialNumber { get; }

    /// <summary>Why the Secret cannot be served (reported as InvalidCertificateRef), or null.</summary>
    public string? Problem { get; }

    /// <summary>A certificate that can be served.</summary>
    public static ServingCertificate Usable(SslStreamCertificateContext context) => new(context, context.TargetCertificate.SerialNumber, null);

    /// <summary>A Secret that cannot be served, with the reason (never its content).</summary>
    public static ServingCertificate Invalid(string problem) => new(null, null, problem);
}

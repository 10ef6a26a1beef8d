namespace KubeApiEmulator.Routing;

/// <summary>The HTTP handler the front uses to reach upstreams: no redirects followed, no cookies, no proxy.</summary>
internal static class UpstreamHandler
{
    /// <summary>Creates the handler; <paramref name="acceptAnyCertificate"/> skips HTTPS upstream certificate checks.</summary>
    public static SocketsHttpHandler Create(bool acceptAnyCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        if (acceptAnyCertificate)
        {
            // Opt-in (the default for tests): local upstreams present self-signed certificates.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return handler;
    }
}

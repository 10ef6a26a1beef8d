namespace RenewalScanBench;

/// <summary>
/// Writes the emulator seed: N opted-in objects over 100 namespaces, one in five a Gateway with two HTTPS listeners (each its
/// own Secret) and the others Ingresses with one Secret each; every Secret managed kubernetes.io/tls (real leaf + intermediate,
/// our label, renew-after annotation). One object in a hundred is due (a Gateway: its first Secret's renew-after in the past).
/// </summary>
internal static class ScanSeedWriter
{
    /// <summary>Namespaces the objects are spread over.</summary>
    public const int Namespaces = 100;

    /// <summary>True for the objects seeded as Gateways: one in five.</summary>
    public static bool IsGateway(int index) => index % 5 == 4;

    /// <summary>How many of <paramref name="count"/> are Gateways.</summary>
    public static int GatewayCount(int count) => Enumerable.Range(0, count).Count(IsGateway);

    /// <summary>True for the objects seeded as due: exactly one per block of 100, spread over namespaces.</summary>
    public static bool IsDue(int index) => index % 100 == (index / 100) % 100;

    /// <summary>How many of <paramref name="count"/> are seeded as due.</summary>
    public static int DueCount(int count) => Enumerable.Range(0, count).Count(IsDue);

    /// <summary>Writes the seed YAML for <paramref name="count"/> objects and returns its path.</summary>
    public static string Write(string directory, int count, DateTimeOffset now)
    {
        using var certificates = new BenchCertificates(now);
        var notBefore = now.AddDays(-30);
        var notAfter = now.AddDays(60);
        var seed = new SeedYaml(count * 4096);
        for (var n = 0; n < Namespaces; n++)
        {
            seed.Namespace($"scan-{n:000}");
        }

        for (var i = 0; i < count; i++)
        {
            var ns = $"scan-{i % Namespaces:000}";
            var name = $"app-{i:00000}";
            var host = $"{name}.scan.test";
            var renewAfter = IsDue(i) ? now.AddHours(-1) : now.AddDays(30);
            if (IsGateway(i))
            {
                var (a, b) = ($"a.{host}", $"b.{host}");
                seed.Gateway(ns, name, [(a, $"{name}-a-tls"), (b, $"{name}-b-tls")])
                    .TlsSecret(ns, $"{name}-a-tls", name, [a], certificates.ChainPem(a, notBefore, notAfter, i + 1), certificates.LeafKeyPem, notBefore, notAfter, renewAfter)
                    .TlsSecret(ns, $"{name}-b-tls", name, [b], certificates.ChainPem(b, notBefore, notAfter, count + i + 1), certificates.LeafKeyPem, notBefore, notAfter, now.AddDays(30));
                continue;
            }

            seed.Ingress(ns, name, host, $"{name}-tls")
                .TlsSecret(ns, $"{name}-tls", name, [host], certificates.ChainPem(host, notBefore, notAfter, i + 1), certificates.LeafKeyPem, notBefore, notAfter, renewAfter);
        }

        return seed.WriteTo(Path.Combine(directory, $"renewal-scan-seed-{count}.yaml"));
    }
}

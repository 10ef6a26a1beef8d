using System.Diagnostics;

namespace AcmeBench;

/// <summary>The clients: CertFunctions.Acme (AcmeIssue console, AOT and JIT), lego and certbot.</summary>
internal static class Contenders
{
    /// <summary>Our client through the AcmeIssue console: a native (AOT) executable, or a framework-dependent dll run by dotnet.</summary>
    public static Contender Ours(string name, string program, bool viaDotnet) => new(name, (env, names, _) =>
    {
        var start = new ProcessStartInfo(viaDotnet ? "dotnet" : program);
        if (viaDotnet)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var argument in new[] { env.DirectoryUri.AbsoluteUri, env.TlsCaPath, env.ValidationPort.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(',', names) })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    },
    (_, _, output) => output.Contains("issued CN=", StringComparison.Ordinal));

    public static Contender Lego(string legoPath) => new("lego", (env, names, scratch) =>
    {
        var start = new ProcessStartInfo(legoPath);
        start.Environment["LEGO_CA_CERTIFICATES"] = env.TlsCaPath;
        foreach (var argument in new[]
        {
            "--server", env.DirectoryUri.AbsoluteUri, "--accept-tos", "--email", "bench@example.test", "--path", scratch,
            "--key-type", "ec256", "--http", "--http.port", $"127.0.0.1:{env.ValidationPort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in names)
        {
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(name);
        }

        start.ArgumentList.Add("run");
        return start;
    },
    (names, scratch, _) => File.Exists(Path.Combine(scratch, "certificates", names[0] + ".crt")));

    public static Contender Certbot(string certbotPath) => new("certbot", (env, names, scratch) =>
    {
        var start = new ProcessStartInfo(certbotPath);
        start.Environment["REQUESTS_CA_BUNDLE"] = env.TlsCaPath;
        foreach (var argument in new[]
        {
            "certonly", "--standalone", "--non-interactive", "--agree-tos", "--register-unsafely-without-email",
            "--server", env.DirectoryUri.AbsoluteUri, "--http-01-port", env.ValidationPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--http-01-address", "127.0.0.1", "--key-type", "ecdsa", "--elliptic-curve", "secp256r1",
            "--config-dir", Path.Combine(scratch, "config"), "--work-dir", Path.Combine(scratch, "work"), "--logs-dir", Path.Combine(scratch, "logs"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in names)
        {
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(name);
        }

        return start;
    },
    (names, scratch, _) => File.Exists(Path.Combine(scratch, "config", "live", names[0], "fullchain.pem")));
}

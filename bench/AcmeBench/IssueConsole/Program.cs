using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using AcmeIssue;
using CertFunctions.Acme;
using CertFunctions.Acme.Jws;
using CertFunctions.Testing.Pebble;

// One cold issuance with a new account: AcmeIssue <directory-url> <tls-ca.pem> <validation-port> <name>[,<name>...]
if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: AcmeIssue <directory-url> <tls-ca.pem> <validation-port> <names,comma,separated>");
    return 2;
}

var directory = new Uri(args[0]);
using var authority = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(args[1]));
var port = int.Parse(args[2], CultureInfo.InvariantCulture);
var names = args[3].Split(',', StringSplitOptions.RemoveEmptyEntries);

var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
policy.CustomTrustStore.Add(authority);
// A few connections are enough for parallel challenges; each extra TLS handshake costs a cold process more than it saves.
using var handler = new SocketsHttpHandler { SslOptions = { CertificateChainPolicy = policy }, MaxConnectionsPerServer = 4 };

using var http = new HttpClient(handler);
await using var server = Http01ChallengeServer.Start(port);
using var key = AccountKey.Generate();
var logger = Environment.GetEnvironmentVariable("ACMEBENCH_TRACE") == "1" ? new TraceLogger() : null;
using var client = new AcmeClient(http, directory, key, options: new AcmeClientOptions { BadNonceRetries = 20 }, logger: logger);

var issued = await client.IssueAsync(
    names,
    (challenge, _) =>
    {
        server.Add(challenge.Token, challenge.KeyAuthorization);
        return Task.CompletedTask;
    },
    (challenge, _) =>
    {
        server.Remove(challenge.Token);
        return Task.CompletedTask;
    });
using var certificateKey = issued.Key;
Console.WriteLine($"issued {issued.Chain.Leaf.Subject} serial={issued.Chain.Leaf.SerialNumber} requests={client.RequestCount}");
return 0;

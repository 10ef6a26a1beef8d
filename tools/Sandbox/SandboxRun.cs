using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Pebble;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Sandbox;

/// <summary>One sandbox run: start the world, request a certificate, follow it, show the result, stop everything.</summary>
internal sealed class SandboxRun(bool keep)
{
    private const string ProductionIssuer = "production";

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Step("Starting the local world: Azurite, two Pebble CAs + challtestsrv, Kubernetes API emulator (calling the host's admission webhook), CertFunctions local host");
        var seed = Path.Combine(AppContext.BaseDirectory, "seed", "demo.yaml");
        // Two CAs as named issuers: "default" (think Let's Encrypt staging) and "production".
        await using var webhook = await WebhookWorld.StartAsync(options: new LocalWorldOptions
        {
            SeedPaths = [seed],
            SecondPebble = PebbleOptions.Default,
            SecondIssuerNames = [ProductionIssuer],
        });
        var world = webhook.World;
        var host = world.Host!;
        Info($"ACME issuers     default {world.Pebble.DirectoryUri}, {ProductionIssuer} {world.SecondPebble!.DirectoryUri}");
        Info($"Kubernetes API   {world.Emulator.ApiUri}  (kubeconfig {world.Emulator.KubeconfigPath})");
        Info($"Ingress front    {world.Emulator.FrontUri}  (the CA validates through it)");
        Info($"CertFunctions    {host.BaseUri}  (admission webhook {webhook.HttpsUri}api/admission/default/...)");
        Info($"Dashboard        {host.BaseUri}dashboard");

        try
        {
            var ok = await IssueAsync(world, host, cancellationToken);
            if (keep && ok)
            {
                Step("The world keeps running (--keep). Try:");
                Info($"export KUBECONFIG={world.Emulator.KubeconfigPath}");
                Info("kubectl get ingress,secrets,events -n demo");
                Info($"curl -s {host.BaseUri}api/certificates | jq");
                Info($"dotnet {CliPath} --url {host.BaseUri} list");
                Info($"Dashboard: open {host.BaseUri}dashboard in a browser on this machine");
                Info("Ctrl-C stops everything.");
                await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return ok ? 0 : 1;
        }
        catch (OperationCanceledException)
        {
            Step("Interrupted");
            return 130;
        }
        finally
        {
            Step("Stopping everything the sandbox started");
        }
    }

    private async Task<bool> IssueAsync(LocalWorld world, LocalHostProcess host, CancellationToken cancellationToken)
    {
        Step("Requesting a certificate: POST /api/certificates {\"namespace\":\"demo\",\"ingress\":\"shop\"}");
        using var response = await host.Http.PostAsJsonAsync("api/certificates", new { @namespace = "demo", ingress = "shop" }, cancellationToken);
        var accepted = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || response.Headers.Location is null)
        {
            Fail($"The request was refused ({(int)response.StatusCode}): {accepted}");
            return false;
        }

        var operation = response.Headers.Location;
        Info($"{(int)response.StatusCode} Accepted, following {operation}");

        var final = await FollowAsync(host, operation, cancellationToken);
        if ((string?)final["status"] != "Completed")
        {
            Fail($"The issuance ended {(string?)final["status"]}: {(string?)final["failure"]}");
            return false;
        }

        await ShowResultAsync(world, cancellationToken);
        if (!await ApplySecondIngressAsync(world, cancellationToken))
        {
            return false;
        }

        if (!await IssueForGatewayAsync(world, host, cancellationToken))
        {
            return false;
        }

        await ShowRenewalScanAsync(host, cancellationToken);
        if (!await SwitchIssuerAsync(world, host, cancellationToken))
        {
            return false;
        }

        Step($"Done in {_clock.Elapsed.TotalSeconds:0.0} s");
        return true;
    }

    /// <summary>Staging then production, per Ingress: annotate it, and the next scan replaces its certificate from the new issuer.</summary>
    private async Task<bool> SwitchIssuerAsync(LocalWorld world, LocalHostProcess host, CancellationToken cancellationToken)
    {
        Step($"Moving demo/shop to the issuer '{ProductionIssuer}': kubectl annotate ingress shop certfunctions.io/issuer={ProductionIssuer}");
        await world.Emulator.RunKubectlAsync("annotate", "ingress", "shop", "-n", "demo", "--overwrite", $"certfunctions.io/issuer={ProductionIssuer}");
        await ShowRenewalScanAsync(host, cancellationToken, listCertificates: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var secret = JsonNode.Parse((await world.Emulator.RunKubectlAsync("get", "secret", "shop-tls", "-n", "demo", "-o", "json")).StandardOutput)!;
            var annotations = secret["metadata"]!["annotations"]!;
            if ((string?)annotations["certfunctions.io/issuer"] == ProductionIssuer)
            {
                Info($"Secret demo/shop-tls now from issuer {ProductionIssuer} ({(string?)annotations["certfunctions.io/acme-directory"]}), serial {(string?)annotations["certfunctions.io/serial"]}");
                break;
            }

            if (timeout.IsCancellationRequested)
            {
                Fail($"The certificate was not replaced from {ProductionIssuer} within 2 minutes.");
                return false;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        Step("What the API lists (GET /api/certificates)");
        await ListCertificatesAsync(host, cancellationToken);
        return true;
    }

    private async Task ShowRenewalScanAsync(LocalHostProcess host, CancellationToken cancellationToken, bool listCertificates = true)
    {
        Step("Running the renewal scan, as the timer does twice a day (POST /admin/functions/RenewalTimer)");
        using var response = await host.Http.PostAsync(new Uri("admin/functions/RenewalTimer", UriKind.Relative), null, cancellationToken);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        Info($"{report["scanned"]} opted-in Ingress(es), {report["due"]} due, {report["started"]} started, {report["atRisk"]} expiring unrenewed, " +
            $"{report["leftoversRemoved"]} challenge leftover(s) removed, {report["problems"]!.AsArray().Count} problem(s)");

        if (listCertificates)
        {
            Step("What the API lists (GET /api/certificates)");
            await ListCertificatesAsync(host, cancellationToken);
        }
    }

    private static async Task ListCertificatesAsync(LocalHostProcess host, CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await host.Http.GetStringAsync(new Uri("api/certificates", UriKind.Relative), cancellationToken))!;
        foreach (var item in list["certificates"]!.AsArray())
        {
            Info($"{item!["certificate"]!["namespace"]} {item["kind"]} {item["name"]} ({item["secretName"]}: {string.Join(", ", item["hosts"]!.AsArray().Select(h => (string?)h))}): {item["lastOutcome"]} from issuer {item["issuer"]}, valid until {item["notAfter"]}, " +
                $"renewal planned {item["plannedRenewal"]}, expiry risk {(string?)item["expiryRisk"] ?? "none"}");
        }
    }

    private static async Task<JsonObject> FollowAsync(LocalHostProcess host, Uri operation, CancellationToken cancellationToken)
    {
        string? lastLine = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        while (true)
        {
            var state = JsonNode.Parse(await host.Http.GetStringAsync(operation, timeout.Token))!.AsObject();
            var progress = state["progress"];
            var line = progress is null
                ? (string?)state["status"]
                : $"{(string?)progress["step"]}{((string?)progress["detail"] is { } detail ? ": " + detail : string.Empty)}";
            if (line != lastLine)
            {
                Info($"[{(string?)state["status"]}] {line}");
                lastLine = line;
            }

            if ((string?)state["status"] is "Completed" or "Failed" or "Terminated")
            {
                return state;
            }

            await Task.Delay(150, timeout.Token);
        }
    }

    private async Task ShowResultAsync(LocalWorld world, CancellationToken cancellationToken)
    {
        Step("The Secret demo/shop-tls");
        var secret = JsonNode.Parse((await world.Emulator.RunKubectlAsync("get", "secret", "shop-tls", "-n", "demo", "-o", "json")).StandardOutput)!;
        var chainPem = Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!));
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        var leaf = chain[0];
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames();
        Info($"type       {(string?)secret["type"]}");
        Info($"names      {string.Join(", ", names)}");
        Info($"valid      {leaf.NotBefore.ToUniversalTime():u} .. {leaf.NotAfter.ToUniversalTime():u}");
        Info($"issuer     {leaf.Issuer} (ACME issuer {(string?)secret["metadata"]!["annotations"]!["certfunctions.io/issuer"]})");
        Info($"serial     {leaf.SerialNumber}");
        Info($"tls.crt    {chain.Count} certificates (leaf + intermediates); tls.key present: {secret["data"]!["tls.key"] is not null}");
        Info($"renewal    planned {(string?)secret["metadata"]!["annotations"]!["certfunctions.io/renew-after"]}");

        Step("Verifying the chain against Pebble's root (from its management port /roots/0)");
        var root = await world.Pebble.GetRootCertificateAsync(0, cancellationToken);
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(root);
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var intermediate in chain.Skip(1))
        {
            verify.ChainPolicy.ExtraStore.Add(intermediate);
        }

        var verified = verify.Build(leaf);
        Info(verified
            ? $"verified: {string.Join(" <- ", verify.ChainElements.Select(e => e.Certificate.GetNameInfo(X509NameType.SimpleName, false)))}"
            : "NOT verified: " + string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)));

        Step("The Ingress's spec.tls (kubectl get ingress shop -n demo)");
        Info((await world.Emulator.RunKubectlAsync("get", "ingress", "shop", "-n", "demo", "-o", "jsonpath={.spec.tls}")).StandardOutput);
        Info((await world.Emulator.RunKubectlAsync("get", "ingress", "shop", "-n", "demo")).StandardOutput.TrimEnd());

        Step("Events on the Ingress (kubectl get events -n demo)");
        Info((await world.Emulator.RunKubectlAsync("get", "events", "-n", "demo", "-o", "custom-columns=TYPE:.type,REASON:.reason,OBJECT:.involvedObject.name,MESSAGE:.message")).StandardOutput.TrimEnd());
    }

    /// <summary>
    /// A Gateway beside the Ingresses: kubectl apply of a GatewayClass and an opted-in Gateway (the emulator runs the
    /// class's controller), a request naming the Gateway, and the Secret its HTTPS listener names, validated by the CA
    /// through the emulator's Gateway front and a solver HTTPRoute that is gone afterwards.
    /// </summary>
    private async Task<bool> IssueForGatewayAsync(LocalWorld world, LocalHostProcess host, CancellationToken cancellationToken)
    {
        Step("kubectl apply -f seed/gateway.yaml: GatewayClass sandbox (the emulator's controller) and Gateway demo/web (HTTP :80, HTTPS gw.demo.example.test -> Secret gateway-tls)");
        var applied = await world.Emulator.RunKubectlAsync("apply", "-f", Path.Combine(AppContext.BaseDirectory, "seed", "gateway.yaml"));
        Info(applied.StandardOutput.TrimEnd());
        if (applied.ExitCode != 0)
        {
            Fail("kubectl apply of the Gateway failed: " + applied.StandardError);
            return false;
        }

        Info((await world.Emulator.RunKubectlAsync("get", "gateway", "web", "-n", "demo")).StandardOutput.TrimEnd());

        Step("Requesting the Gateway's certificates: POST /api/certificates {\"namespace\":\"demo\",\"gateway\":\"web\"}");
        using var response = await host.Http.PostAsJsonAsync("api/certificates", new { @namespace = "demo", gateway = "web" }, cancellationToken);
        var accepted = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || response.Headers.Location is null)
        {
            Fail($"The Gateway request was refused ({(int)response.StatusCode}): {accepted}");
            return false;
        }

        Info($"{(int)response.StatusCode} Accepted, following {response.Headers.Location}");
        var final = await FollowAsync(host, response.Headers.Location, cancellationToken);
        if ((string?)final["status"] != "Completed")
        {
            Fail($"The Gateway's issuance ended {(string?)final["status"]}: {(string?)final["failure"]}");
            return false;
        }

        Step("The Secret demo/gateway-tls, named by the Gateway's HTTPS listener");
        var secret = JsonNode.Parse((await world.Emulator.RunKubectlAsync("get", "secret", "gateway-tls", "-n", "demo", "-o", "json")).StandardOutput)!;
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!)));
        var leaf = chain[0];
        var root = await world.Pebble.GetRootCertificateAsync(0, cancellationToken);
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(root);
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        verify.ChainPolicy.ExtraStore.AddRange(new X509Certificate2Collection(chain.Skip(1).ToArray()));
        var verified = verify.Build(leaf);
        Info($"names      {string.Join(", ", leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames())}");
        Info($"owner      {(string?)secret["metadata"]!["annotations"]!["certfunctions.io/owner"]}");
        Info($"serial     {leaf.SerialNumber}, valid until {leaf.NotAfter.ToUniversalTime():u}");
        Info($"tls.crt    {chain.Count} certificates; chain {(verified ? "verified against Pebble's root" : "NOT verified: " + string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)))}");

        Step("Solver HTTPRoutes left in demo (kubectl get httproutes -n demo), and the Events on the Gateway");
        var routes = await world.Emulator.RunKubectlAsync("get", "httproutes", "-n", "demo");
        Info((routes.StandardOutput + routes.StandardError).Trim());
        var events = JsonNode.Parse((await world.Emulator.RunKubectlAsync("get", "events", "-n", "demo", "-o", "json")).StandardOutput)!["items"]!.AsArray();
        foreach (var e in events.Where(e => (string?)e!["involvedObject"]!["kind"] == "Gateway"))
        {
            Info($"{(string?)e!["type"],-8} {(string?)e["reason"],-20} Gateway/{(string?)e["involvedObject"]!["name"]}: {(string?)e["message"]}");
        }

        return verified && await ServeThroughGatewayAsync(world, host, leaf, root, cancellationToken);
    }

    /// <summary>
    /// What a user sees: HTTPS to the Gateway's HTTPS listener (SNI gw.demo.example.test) presents the certificate in the
    /// Secret and passes the request to the listener's HTTPRoute backend (here the CertFunctions host's health endpoint).
    /// </summary>
    private async Task<bool> ServeThroughGatewayAsync(LocalWorld world, LocalHostProcess host, X509Certificate2 secretLeaf, X509Certificate2 root, CancellationToken cancellationToken)
    {
        var port = await world.Emulator.GatewayListenerPortAsync(443, cancellationToken);
        Step($"HTTPS through the Gateway: GET https://gw.demo.example.test/api/health on listener https (port 443, served by the emulator on 127.0.0.1:{port})");
        Info("kubectl apply -f seed/gateway-backend.yaml: HTTPRoute demo/app on listener https -> Service demo/app (the CertFunctions host)");
        var applied = await world.Emulator.RunKubectlAsync("apply", "-f", Path.Combine(AppContext.BaseDirectory, "seed", "gateway-backend.yaml"));
        if (applied.ExitCode != 0)
        {
            Fail("kubectl apply of the HTTPRoute to the Gateway's HTTPS listener failed: " + applied.StandardError);
            return false;
        }

        // The emulator routes by a route as soon as the API call that wrote it returns: no wait for its status.
        await world.Emulator.SetUpstreamAsync("demo", "app", host.BaseUri, cancellationToken);

        var answer = await HttpsProbe.GetAsync(port, "gw.demo.example.test", "/api/health", cancellationToken);
        var same = answer.Leaf.SerialNumber == secretLeaf.SerialNumber;
        var chained = answer.ChainsTo(root);
        Info($"handshake  SNI gw.demo.example.test -> serial {answer.Leaf.SerialNumber} ({(same ? "the Secret's certificate" : "NOT the Secret's " + secretLeaf.SerialNumber)}), " +
            $"{answer.Intermediates.Count} intermediate(s), chain {(chained ? "verified against Pebble's root" : "NOT verified")}");
        Info($"answer     HTTP {(int)answer.Status} {answer.Status}: {answer.Body.Trim()}");
        if (!same || !chained || answer.Status != System.Net.HttpStatusCode.OK)
        {
            Fail("The Gateway's HTTPS listener did not serve the issued certificate and the backend's answer");
            return false;
        }

        return true;
    }

    /// <summary>The GitOps path: kubectl apply of a new opted-in Ingress, nobody calls the API, the admission webhook starts the issuance.</summary>
    private async Task<bool> ApplySecondIngressAsync(LocalWorld world, CancellationToken cancellationToken)
    {
        Step("kubectl apply of a second opted-in Ingress, demo/blog (no API call: the cluster's admission webhook tells the app)");
        var clock = Stopwatch.StartNew();
        await IngressSeeder.SeedAsync(world, "blog", ["blog.demo.example.test"], inNamespace: "demo");
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var secret = await world.Emulator.RunKubectlAsync("get", "secret", "blog-tls", "-n", "demo", "--ignore-not-found", "-o", "name");
            if (secret.ExitCode == 0 && secret.StandardOutput.Trim().Length > 0)
            {
                Info($"Secret demo/blog-tls exists {clock.Elapsed.TotalSeconds:0.0} s after kubectl apply");
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        Fail("Secret demo/blog-tls did not appear within 120 s of kubectl apply");
        return false;
    }

    // The CLI is built with the sandbox (same configuration) through its project reference.
    private static string CliPath => Path.Combine(BuildOutput.Of("tools/CertFunctions.Cli"), "certfunctions.dll");

    private void Step(string text) => Console.WriteLine($"\u001b[1;34m==>\u001b[0m [{_clock.Elapsed.TotalSeconds,5:0.0}s] {text}");

    private static void Info(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Console.WriteLine("    " + line);
        }
    }

    private static void Fail(string text) => Console.WriteLine($"\u001b[1;31merror:\u001b[0m {text}");
}

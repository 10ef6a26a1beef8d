using System.Globalization;
using System.Net.Sockets;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Processes;

namespace ResponderLoad;

/// <summary>nginx on 127.0.0.1 serving the same key authorization as a static file (unknown tokens: nginx's 404), stopped on dispose.</summary>
internal sealed class NginxReference : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServiceProcess _process;

    private NginxReference(string directory, ServiceProcess process, int port)
    {
        _directory = directory;
        _process = process;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Where nginx listens.</summary>
    public Uri BaseUri { get; }

    /// <summary>Writes a tiny nginx.conf and the file, starts <c>nginx -p DIR -c nginx.conf -g 'daemon off;'</c> and waits for its port.</summary>
    public static async Task<NginxReference> StartAsync(string token, string body)
    {
        var nginx = ProgramLocator.Require("nginx", "apt-get install -y nginx", "/usr/sbin");
        var directory = Directory.CreateTempSubdirectory("responder-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var challenges = Directory.CreateDirectory(Path.Combine(directory, "www", ".well-known", "acme-challenge")).FullName;
        await File.WriteAllTextAsync(Path.Combine(challenges, token), body);
        var port = FreePort.Next();
        var config = $$"""
            worker_processes auto;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/tmp;
                proxy_temp_path {{directory}}/tmp;
                fastcgi_temp_path {{directory}}/tmp;
                uwsgi_temp_path {{directory}}/tmp;
                scgi_temp_path {{directory}}/tmp;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{directory}}/www;
                    location /.well-known/acme-challenge/ {
                        default_type text/plain;
                        add_header Cache-Control no-cache;
                        try_files $uri =404;
                    }
                }
            }
            """;
        var configPath = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);
        var process = ServiceProcess.Start("nginx", nginx, ["-p", directory, "-c", configPath, "-g", "daemon off;"]);
        var reference = new NginxReference(directory, process, port);
        await process.WaitUntilReadyAsync(async ct =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, ct);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20));
        return reference;
    }

    /// <summary>nginx's worker count line for the results.</summary>
    public static string Describe() => "nginx " + string.Create(CultureInfo.InvariantCulture, $"(worker_processes auto = one per CPU, access_log off, static file, try_files $uri =404)");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync(); // kills the master and its worker (process tree)
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temporary files only.
        }
    }
}

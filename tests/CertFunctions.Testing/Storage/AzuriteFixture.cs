using System.Net.Sockets;
using Azure.Storage.Blobs;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Testing.Storage;

/// <summary>Starts Azurite (blob, queue and table) from the repository's pinned npm package, data in a temporary folder.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public, documented).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "certfunctions-azurite-" + Guid.NewGuid().ToString("N"));
    private ServiceProcess? _process;

    /// <summary>Blob service port on 127.0.0.1.</summary>
    public int BlobPort { get; private set; }

    /// <summary>Queue service port on 127.0.0.1.</summary>
    public int QueuePort { get; private set; }

    /// <summary>Table service port on 127.0.0.1.</summary>
    public int TablePort { get; private set; }

    /// <summary>A connection string for all three services.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>When set, Azurite writes its debug log (every request) here, e.g. to count storage calls in a benchmark.</summary>
    public string? DebugLogPath { get; init; }

    /// <summary>The Azurite process id (for tests that need to stop it hard).</summary>
    public int ProcessId => _process?.ProcessId ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>Locates the azurite launcher installed by <c>npm ci</c> at the repository root.</summary>
    public static string LocateAzurite()
        => ProgramLocator.Require(
            "azurite",
            "npm package 'azurite' (run 'npm ci' at the repository root; the version is pinned in package.json)",
            Path.Combine(ProgramLocator.RepositoryRoot, "node_modules", ".bin"));

    /// <summary>Creates a blob service client for this Azurite.</summary>
    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var azurite = LocateAzurite();
        Directory.CreateDirectory(_dataDirectory);
        BlobPort = FreePort.Next();
        QueuePort = FreePort.Next();
        TablePort = FreePort.Next();
        string[] debug = string.IsNullOrEmpty(DebugLogPath) ? [] : ["--debug", DebugLogPath];
        _process = ServiceProcess.Start(
            "azurite",
            azurite,
            [
                .. debug,
                "--silent", "--skipApiVersionCheck", "--loose",
                "--location", _dataDirectory,
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);
        await _process.WaitUntilReadyAsync(
            async _ => await IsListeningAsync(BlobPort) && await IsListeningAsync(QueuePort) && await IsListeningAsync(TablePort),
            TimeSpan.FromSeconds(60));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Azurite ignores SIGTERM on Linux; ServiceProcess kills it with SIGKILL.
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temporary folder is only test data.
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

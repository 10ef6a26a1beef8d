using System.Globalization;
using System.Net.Sockets;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Processes;
using CertFunctions.Testing.Storage;

namespace ResponderLoad;

/// <summary>Azurite with <c>--debug &lt;file&gt;</c>, so every storage request the host makes can be counted.</summary>
internal sealed class DebugAzurite : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServiceProcess _process;

    private DebugAzurite(string directory, ServiceProcess process, int blob, int queue, int table)
    {
        _directory = directory;
        _process = process;
        DebugLogPath = Path.Combine(directory, "debug.log");
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{AzuriteFixture.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/{AzuriteFixture.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{AzuriteFixture.AccountName};";
    }

    /// <summary>The connection string for blob, queue and table.</summary>
    public string ConnectionString { get; }

    /// <summary>Azurite's debug log.</summary>
    public string DebugLogPath { get; }

    /// <summary>Starts Azurite (data and log in a temporary folder) and waits for its three ports.</summary>
    public static async Task<DebugAzurite> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("responder-azurite-").FullName;
        int blob = FreePort.Next(), queue = FreePort.Next(), table = FreePort.Next();
        var process = ServiceProcess.Start(
            "azurite",
            AzuriteFixture.LocateAzurite(),
            [
                "--silent", "--skipApiVersionCheck", "--loose",
                "--location", directory,
                "--debug", Path.Combine(directory, "debug.log"),
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture),
            ]);
        var azurite = new DebugAzurite(directory, process, blob, queue, table);
        await process.WaitUntilReadyAsync(async _ => await ListeningAsync(blob) && await ListeningAsync(queue) && await ListeningAsync(table), TimeSpan.FromSeconds(60));
        return azurite;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync(); // SIGKILL: Azurite ignores SIGTERM.
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temporary files only.
        }
    }

    private static async Task<bool> ListeningAsync(int port)
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

using System.Text;

namespace ResponderLoad;

/// <summary>Counts blob requests on the challenge container in Azurite's debug log, from a byte offset on.</summary>
internal static class StorageLog
{
    private const string Marker = "BlobStorageContextMiddleware: RequestMethod=";

    /// <summary>The log's current length (the start of a measured window).</summary>
    public static long Mark(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>(list, read, other) requests on /acme-challenges since <paramref name="offset"/>.</summary>
    public static (int List, int Read, int Other) CountSince(string path, long offset, string container = "acme-challenges")
    {
        int list = 0, read = 0, other = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = line.AsSpan(at + Marker.Length);
            var urlEnd = rest.IndexOf(" RequestHeaders", StringComparison.Ordinal);
            var head = urlEnd > 0 ? rest[..urlEnd] : rest;
            if (!head.Contains("/" + container, StringComparison.Ordinal))
            {
                continue;
            }

            if (head.Contains("comp=list", StringComparison.Ordinal))
            {
                list++;
            }
            else if (head.StartsWith("GET", StringComparison.Ordinal) || head.StartsWith("HEAD", StringComparison.Ordinal))
            {
                read++;
            }
            else
            {
                other++;
            }
        }

        return (list, read, other);
    }
}

namespace CertFunctions.Core.SelfCheck;

/// <summary>Reads the start of an answer's body, never more than asked: a fetched URL may answer with anything.</summary>
internal static class BoundedBody
{
    /// <summary>Reads at most <paramref name="limit"/> bytes of <paramref name="content"/>.</summary>
    public static async Task<ArraySegment<byte>> ReadAtMostAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[limit];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return new ArraySegment<byte>(buffer, 0, length);
        }
    }
}

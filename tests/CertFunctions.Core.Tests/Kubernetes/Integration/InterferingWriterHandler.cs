namespace CertFunctions.Core.Tests.Kubernetes.Integration;

/// <summary>Lets "another writer" change an object after our read and before our PATCH reaches the API.</summary>
internal sealed class InterferingWriterHandler(string pathSuffix, Func<int, Task> interfere, int times = 1) : DelegatingHandler
{
    private int _patches;

    /// <summary>How many PATCH requests to the object were sent.</summary>
    public int Patches => _patches;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))
        {
            var count = Interlocked.Increment(ref _patches);
            if (count <= times)
            {
                await interfere(count);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

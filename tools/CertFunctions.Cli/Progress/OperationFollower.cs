using System.Diagnostics;
using System.Text.Json.Nodes;
using CertFunctions.Cli.Api;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Progress;

/// <summary>Polls an operation until it completes, fails or is cancelled, showing each snapshot.</summary>
internal sealed class OperationFollower(ApiClient api, IProgressDisplay display, TimeSpan pollInterval)
{
    /// <summary>Follows the operation <paramref name="id"/> and returns its final state.</summary>
    public async Task<JsonNode> FollowAsync(string id, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var path = ApiClient.PathOf("api", "certificates", "operations", id);
        try
        {
            while (true)
            {
                var operation = (await api.GetAsync(path, cancellationToken).ConfigureAwait(false)).Body
                    ?? throw new ApiProblemException(new ApiProblem(200, "The operation answer was empty", null, []));
                display.Show(operation, clock.Elapsed);
                if (OperationText.IsFinal(JsonText.Text(operation, "status")))
                {
                    return operation;
                }

                await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            display.Finish();
        }
    }
}

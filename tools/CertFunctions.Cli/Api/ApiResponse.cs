using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Api;

/// <summary>One answer of the API: status code and JSON body (null when the body is empty or not JSON).</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The parsed body.</param>
/// <param name="RawBody">The body as text, for answers that are not JSON.</param>
internal sealed record ApiResponse(int Status, JsonNode? Body, string RawBody)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;
}

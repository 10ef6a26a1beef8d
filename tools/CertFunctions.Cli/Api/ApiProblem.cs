using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Api;

/// <summary>An RFC 9457 problem the API answered (or what we make of a non-problem error answer).</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Title">Short summary.</param>
/// <param name="Detail">What happened, in words.</param>
/// <param name="Errors">Field errors, when the request named invalid input.</param>
internal sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyList<KeyValuePair<string, string>> Errors)
{
    /// <summary>Reads a problem from an error answer; a body that is not a problem becomes its status and text.</summary>
    public static ApiProblem From(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Body is JsonObject body && body["title"] is not null)
        {
            var errors = new List<KeyValuePair<string, string>>();
            if (body["errors"] is JsonObject fields)
            {
                foreach (var (field, messages) in fields)
                {
                    var list = messages is JsonArray array ? array.Select(m => m?.ToString() ?? string.Empty) : [messages?.ToString() ?? string.Empty];
                    errors.AddRange(list.Select(m => new KeyValuePair<string, string>(field, m)));
                }
            }

            return new ApiProblem(response.Status, (string?)body["title"] ?? "Error", (string?)body["detail"], errors);
        }

        var text = response.RawBody.Trim();
        return new ApiProblem(response.Status, StatusTitle(response.Status), text.Length == 0 ? null : Shorten(text), []);
    }

    /// <summary>The exit code for this problem: 3 for 404, 2 for input the server refused (400, 413, 415, 422), else 1.</summary>
    public int ExitCode => Status switch
    {
        404 => ExitCodes.NotFound,
        400 or 413 or 415 or 422 => ExitCodes.BadUsage,
        _ => ExitCodes.Failed,
    };

    /// <summary>The problem in words: "error: Title (404)" (no status when the server was not reached), the detail, then one line per field error.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("error: ").Append(Title);
        if (Status > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({Status})");
        }

        if (!string.IsNullOrWhiteSpace(Detail))
        {
            text.AppendLine().Append("  ").Append(Detail);
        }

        foreach (var (field, message) in Errors)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  - {field}: {message}");
        }

        return text.ToString();
    }

    private static string StatusTitle(int status) => status switch
    {
        401 => "Unauthorized: the key is missing or wrong",
        403 => "Forbidden",
        404 => "Not found",
        500 => "Server error",
        502 or 503 or 504 => "Service unavailable",
        _ => "Request failed",
    };

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CertFunctions.Local.Durable;

/// <summary>Rejects local Durable Task settings that Azure Storage would refuse later with a less clear error.</summary>
internal sealed partial class LocalDurableTaskOptionsValidator : IValidateOptions<LocalDurableTaskOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalDurableTaskOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StorageConnectionString))
        {
            failures.Add("StorageConnectionString is required.");
        }

        if (!TaskHubNamePattern().IsMatch(options.TaskHubName ?? string.Empty))
        {
            failures.Add($"TaskHubName '{options.TaskHubName}' must be 3 to 45 letters or digits, starting with a letter.");
        }

        if (string.IsNullOrWhiteSpace(options.WorkerId))
        {
            failures.Add("WorkerId is required (keep it fixed across restarts).");
        }

        if (options.MaxQueuePollingInterval <= TimeSpan.Zero)
        {
            failures.Add("MaxQueuePollingInterval must be positive.");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            failures.Add("PartitionCount must be between 1 and 16.");
        }

        if (options.DataConverter is null)
        {
            failures.Add("DataConverter is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskHubNamePattern();
}

using System.Text.Json.Nodes;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Tests;

/// <summary>
/// The Functions Core Tools cannot run here, so the wiring of the app is proven on the functions.metadata
/// file the Worker SDK generates at build time: every function, its trigger, route, auth level and schedule.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Metadata = LoadMetadata();

    public static TheoryData<string, string, string?, string?, string?> ExpectedHttpFunctions => new()
    {
        // name, methods, route, auth level, (unused)
        { "Health", "get", "api/health", "Anonymous", null },
    };

    [Fact]
    public void Metadata_lists_exactly_the_functions_the_app_defines()
    {
        var names = Metadata.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal).ToArray();
        var expected = ExpectedFunctionNames.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, names);
    }

    [Theory]
    [MemberData(nameof(ExpectedHttpFunctions))]
    public void Http_function_has_its_route_methods_and_auth_level(string name, string methods, string? route, string? authLevel, string? unused)
    {
        _ = unused;
        var trigger = TriggerOf(name);
        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal(authLevel, (string?)trigger["authLevel"]);
        var actualMethods = trigger["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()).Order(StringComparer.Ordinal);
        Assert.Equal(methods.Split(',').Order(StringComparer.Ordinal), actualMethods);
    }

    [Fact]
    public void The_app_runs_on_the_isolated_worker()
    {
        Assert.All(Metadata, f => Assert.Equal("dotnet-isolated", (string?)f!["language"]));
        Assert.All(Metadata, f => Assert.Equal("CertFunctions.dll", (string?)f!["scriptFile"]));
    }

    [Fact]
    public void Host_json_serves_the_challenge_path_as_is_and_names_the_task_hub()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(BuildOutput.Of("functions/CertFunctions"), "host.json")))!;
        Assert.Equal(string.Empty, (string?)hostJson["extensions"]!["http"]!["routePrefix"]);
        Assert.Equal("CertFunctions", (string?)hostJson["extensions"]!["durableTask"]!["hubName"]);
    }

    private static IEnumerable<string> ExpectedFunctionNames =>
        ExpectedHttpFunctions.Select(row => (string)row[0]);

    private static JsonObject TriggerOf(string functionName)
    {
        var function = Metadata.SingleOrDefault(f => (string?)f!["name"] == functionName)
            ?? throw new Xunit.Sdk.XunitException($"function '{functionName}' is not in functions.metadata");
        return function["bindings"]!.AsArray()
            .Select(b => b!.AsObject())
            .Single(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.Ordinal));
    }

    private static JsonArray LoadMetadata()
    {
        var path = Path.Combine(BuildOutput.Of("functions/CertFunctions"), "functions.metadata");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"functions.metadata not found at {path}; build functions/CertFunctions first.", path);
        }

        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }
}

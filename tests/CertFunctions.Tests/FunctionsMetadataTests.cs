using System.Text.Json.Nodes;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Orchestration;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Tests;

/// <summary>
/// The Functions Core Tools cannot run here, so the wiring of the app is proven on the functions.metadata
/// file the Worker SDK generates at build time: every function, its trigger, route, auth level and schedule.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Metadata = LoadMetadata();

    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        // name, methods, route, auth level
        { "RequestCertificate", "post", "api/certificates", "Function" },
        { "ListCertificates", "get", "api/certificates", "Function" },
        { "GetOperation", "get", "api/certificates/operations/{id}", "Function" },
        { "CancelOperation", "delete", "api/certificates/operations/{id}", "Function" },
        { "RenewCertificate", "post", "api/certificates/{cluster}/{namespace}/{ingress}/renew", "Function" },
        { "RenewGatewayCertificates", "post", "api/certificates/{cluster}/{namespace}/gateways/{gateway}/renew", "Function" },
        { "ListUndeliveredNotifications", "get", "api/notifications/undelivered", "Function" },
        { "RedeliverNotification", "post", "api/notifications/undelivered/{id}/redeliver", "Function" },
        { "RedeliverNotifications", "post", "api/notifications/undelivered/redeliver", "Function" },
        { "Dashboard", "get", "dashboard", "Function" },
        { "DashboardAsset", "get", "dashboard/{file}", "Function" },
        { "AcmeChallenge", "get", ".well-known/acme-challenge/{token}", "Anonymous" },
        { "Health", "get", "api/health", "Anonymous" },
        { "AdmissionWebhook", "post", "api/admission/{cluster}/{secret}", "Anonymous" },
    };

    [Fact]
    public void Metadata_lists_exactly_the_functions_the_app_defines()
    {
        var expected = HttpFunctions.Select(row => (string)row[0])
            .Concat(CertFunctionsServiceCollectionExtensions.ActivityTypes.Keys)
            .Append(IssueCertificateOrchestrator.Name)
            .Append(Core.Notifications.DeliverNotificationsOrchestrator.Name)
            .Append(Core.Notifications.DeliverNotificationActivity.Name)
            .Append(Core.Notifications.RecordUndeliveredActivity.Name)
            .Append(Core.Orchestration.Activities.QueueNotificationsActivity.Name)
            .Append("RenewalTimer")
            .Append("DiscoveryTimer")
            .Order(StringComparer.Ordinal);
        var names = Metadata.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Http_function_has_its_route_methods_and_auth_level(string name, string methods, string route, string authLevel)
    {
        var trigger = TriggerOf(name);
        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal(authLevel, (string?)trigger["authLevel"]);
        var actualMethods = trigger["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()).Order(StringComparer.Ordinal);
        Assert.Equal(methods.Split(',').Order(StringComparer.Ordinal), actualMethods);
    }

    [Fact]
    public void Only_the_challenge_responder_health_probe_and_admission_webhook_are_anonymous()
    {
        var anonymous = Metadata
            .Select(f => (Name: (string)f!["name"]!, Trigger: TriggerOf((string)f!["name"]!)))
            .Where(f => (string?)f.Trigger["authLevel"] == "Anonymous")
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal);
        // The webhook authenticates by its secret path segment: the API server cannot send a function key.
        Assert.Equal(["AcmeChallenge", "AdmissionWebhook", "Health"], anonymous);
    }

    [Fact]
    public void Every_activity_of_core_has_an_activity_trigger()
    {
        foreach (var activity in CertFunctionsServiceCollectionExtensions.ActivityTypes.Keys)
        {
            Assert.Equal("activityTrigger", (string?)TriggerOf(activity)["type"]);
        }
    }

    [Fact]
    public void The_notification_functions_have_their_triggers_and_the_queueing_step_a_durable_client()
    {
        Assert.Equal("orchestrationTrigger", (string?)TriggerOf(Core.Notifications.DeliverNotificationsOrchestrator.Name)["type"]);
        Assert.Equal("activityTrigger", (string?)TriggerOf(Core.Notifications.DeliverNotificationActivity.Name)["type"]);
        Assert.Equal("activityTrigger", (string?)TriggerOf(Core.Notifications.RecordUndeliveredActivity.Name)["type"]);
        Assert.Equal("activityTrigger", (string?)TriggerOf(Core.Orchestration.Activities.QueueNotificationsActivity.Name)["type"]);
        var queue = Metadata.Single(f => (string?)f!["name"] == Core.Orchestration.Activities.QueueNotificationsActivity.Name)!;
        Assert.Contains(queue["bindings"]!.AsArray(), b => (string?)b!["type"] == "durableClient");
    }

    [Fact]
    public void The_issuance_orchestrator_has_an_orchestration_trigger()
        => Assert.Equal("orchestrationTrigger", (string?)TriggerOf(IssueCertificateOrchestrator.Name)["type"]);

    [Fact]
    public void The_renewal_timer_takes_its_schedule_from_the_flat_setting()
    {
        var trigger = TriggerOf("RenewalTimer");
        Assert.Equal("timerTrigger", (string?)trigger["type"]);
        Assert.Equal("%RenewalSchedule%", (string?)trigger["schedule"]);
        Assert.NotEqual(true, (bool?)trigger["runOnStartup"]);
    }

    [Fact]
    public void The_discovery_timer_takes_its_own_schedule_from_a_flat_setting()
    {
        var trigger = TriggerOf("DiscoveryTimer");
        Assert.Equal("timerTrigger", (string?)trigger["type"]);
        Assert.Equal("%DiscoverySchedule%", (string?)trigger["schedule"]);
        Assert.NotEqual(true, (bool?)trigger["runOnStartup"]);
    }

    [Fact]
    public void Every_setting_a_trigger_references_is_a_flat_name()
    {
        // The scale controller resolves %Name% from flat app setting names only.
        var references = Metadata
            .SelectMany(f => f!["bindings"]!.AsArray())
            .SelectMany(b => b!.AsObject().Select(p => p.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)p.Value : null))
            .SelectMany(v => System.Text.RegularExpressions.Regex.Matches(v ?? string.Empty, "%([^%]+)%").Select(m => m.Groups[1].Value))
            .ToList();

        Assert.Contains("RenewalSchedule", references);
        Assert.Contains("DiscoverySchedule", references);
        Assert.All(references, name => Assert.Matches("^[A-Za-z0-9_]+$", name.Replace("__", "!", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_api_functions_get_a_durable_client_binding()
    {
        foreach (var name in new[] { "RequestCertificate", "ListCertificates", "GetOperation", "CancelOperation", "RenewCertificate", "RenewGatewayCertificates", "RenewalTimer", "DiscoveryTimer", "AdmissionWebhook" })
        {
            var function = Metadata.Single(f => (string?)f!["name"] == name)!;
            Assert.Contains(function["bindings"]!.AsArray(), b => (string?)b!["type"] == "durableClient");
        }
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

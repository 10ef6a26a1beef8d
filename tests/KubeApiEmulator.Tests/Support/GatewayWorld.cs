using System.Text.Json.Nodes;
using CertFunctions.Testing.Kubernetes;

namespace KubeApiEmulator.Tests.Support;

/// <summary>Applies Gateway API manifests with kubectl and reads back what the emulator's controller wrote.</summary>
public sealed class GatewayWorld(KubeApiEmulatorFixture emulator)
{
    /// <summary>Applies YAML with kubectl and fails the test when kubectl fails.</summary>
    public async Task ApplyAsync(string yaml)
    {
        var result = await emulator.RunKubectlWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>Creates a GatewayClass of the emulator's controller with a unique name and returns the name.</summary>
    public async Task<string> CreateClassAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await ApplyAsync(GatewayManifests.GatewayClass(name));
        return name;
    }

    /// <summary>Waits with kubectl until the Gateway reports <paramref name="condition"/>.</summary>
    public async Task WaitAsync(string ns, string resource, string condition = "Programmed")
    {
        var result = await emulator.RunKubectlAsync("wait", "-n", ns, "--for=condition=" + condition, resource, "--timeout=20s");
        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>Reads an object as JSON with kubectl.</summary>
    public async Task<JsonObject> GetAsync(string ns, string resource)
    {
        var result = await emulator.RunKubectlAsync("get", "-n", ns, resource, "-o", "json");
        Assert.True(result.Succeeded, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    /// <summary>Polls an HTTPRoute until its first parent's Accepted condition has the given status, then returns the route.</summary>
    public async Task<JsonObject> RouteWhenAcceptedIsAsync(string ns, string route, string status, string? reason = null)
    {
        JsonObject obj = null!;
        var jsonPath = "{.status.parents[0].conditions[?(@.type==\"Accepted\")].status}=" + status;
        var result = await emulator.RunKubectlAsync("wait", "-n", ns, "--for=jsonpath=" + jsonPath, "httproute/" + route, "--timeout=20s");
        Assert.True(result.Succeeded, result.ToString());
        obj = await GetAsync(ns, "httproute/" + route);
        if (reason is not null)
        {
            Assert.Equal(reason, Condition(obj["status"]!["parents"]![0]!, "Accepted")["reason"]!.GetValue<string>());
        }

        return obj;
    }

    /// <summary>The condition of <paramref name="type"/> in a node's conditions.</summary>
    public static JsonNode Condition(JsonNode holder, string type) =>
        holder["conditions"]!.AsArray().Single(c => (string?)c!["type"] == type)!;
}

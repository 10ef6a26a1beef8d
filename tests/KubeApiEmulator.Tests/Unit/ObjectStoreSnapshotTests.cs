using System.Text.Json.Nodes;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Tests.Unit;

public sealed class ObjectStoreSnapshotTests
{
    [Fact]
    public void A_snapshot_sees_versions_as_they_were_until_compaction()
    {
        var store = new ObjectStore();
        lock (store.Gate)
        {
            store.Put("secrets", Secret("a", "1"), "ADDED");
            var gone = store.Put("secrets", Secret("b", "1"), "ADDED");
            var snapshot = store.CurrentResourceVersion;
            store.Put("secrets", Secret("a", "2"), "MODIFIED");
            store.Remove("secrets", gone);
            store.Put("secrets", Secret("c", "1"), "ADDED");

            var then = store.RangeAt("secrets", "ns/", "ns0", snapshot).Select(o => (string?)o.ToNode()["data"]!["v"] + o.Name).ToList();
            var current = store.Range("secrets", "ns/", "ns0").Select(o => o.Name).ToList();
            store.Compact(DateTimeOffset.UtcNow + ObjectStore.SnapshotRetention + TimeSpan.FromSeconds(1));

            Assert.Equal(["1a", "1b"], then);
            Assert.Equal(["a", "c"], current);
            Assert.True(store.CompactedResourceVersion > snapshot);
        }
    }

    private static JsonObject Secret(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" },
        ["data"] = new JsonObject { ["v"] = value },
    };
}

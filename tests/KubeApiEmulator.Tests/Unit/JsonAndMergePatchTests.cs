using System.Text.Json.Nodes;
using KubeApiEmulator.Patching;

namespace KubeApiEmulator.Tests.Unit;

public sealed class JsonAndMergePatchTests
{
    [Fact]
    public void Json_patch_applies_every_operation()
    {
        var document = JsonNode.Parse("""{"a":{"b":1},"list":[1,2],"x~y":{"p/q":true}}""")!;
        var patch = JsonNode.Parse("""
            [{"op":"test","path":"/a/b","value":1},
             {"op":"add","path":"/list/-","value":3},
             {"op":"add","path":"/list/0","value":0},
             {"op":"replace","path":"/a/b","value":2},
             {"op":"copy","from":"/a","path":"/c"},
             {"op":"move","from":"/c/b","path":"/d"},
             {"op":"remove","path":"/x~0y/p~1q"}]
            """);

        var result = JsonPatch.Apply(document, JsonPatch.Decode(patch));

        Assert.Equal("""{"a":{"b":2},"list":[0,1,2,3],"x~y":{},"c":{},"d":2}""", result.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""", "testing value /a failed: test failed")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", "remove operation does not apply: doc is missing key: /missing: missing value")]
    [InlineData("""[{"op":"replace","path":"/missing","value":1}]""", "replace operation does not apply: doc is missing key: /missing: missing value")]
    [InlineData("""[{"op":"add","path":"/no/such/path","value":1}]""", "add operation does not apply: doc is missing path: \"/no/such/path\": missing value")]
    public void Json_patch_failures_name_the_operation(string patch, string message)
    {
        var document = JsonNode.Parse("""{"a":1}""")!;

        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(document, JsonPatch.Decode(JsonNode.Parse(patch))));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Merge_patch_follows_rfc_7386()
    {
        var target = JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"},"list":[1,2]}""");

        var result = MergePatch.Apply(target, JsonNode.Parse("""{"a":"z","c":{"f":null},"list":[3]}"""));

        Assert.Equal("""{"a":"z","c":{"d":"e"},"list":[3]}""", result!.ToJsonString());
    }
}

using System.Text.Json.Nodes;
using KubeApiEmulator.Patching;

namespace KubeApiEmulator.Tests.Unit;

public sealed class StrategicMergePatchTests
{
    [Fact]
    public void Service_ports_merge_by_port()
    {
        var service = Parse("""{"spec":{"ports":[{"name":"http","port":80,"targetPort":8080}]}}""");

        var result = StrategicMergePatch.Apply("Service", service, Parse("""{"spec":{"ports":[{"port":80,"targetPort":9090},{"name":"https","port":443}]}}"""));

        Assert.Equal("""{"spec":{"ports":[{"name":"http","port":80,"targetPort":9090},{"name":"https","port":443}]}}""", result.ToJsonString());
    }

    [Fact]
    public void Ingress_rules_tls_and_paths_are_replaced_whole()
    {
        var ingress = Parse("""{"spec":{"rules":[{"host":"a"},{"host":"b"}],"tls":[{"hosts":["a"]}]}}""");

        var result = StrategicMergePatch.Apply("Ingress", ingress, Parse("""{"spec":{"rules":[{"host":"c"}],"tls":[{"hosts":["c"],"secretName":"s"}]}}"""));

        Assert.Equal("""{"spec":{"rules":[{"host":"c"}],"tls":[{"hosts":["c"],"secretName":"s"}]}}""", result.ToJsonString());
    }

    [Fact]
    public void Maps_merge_and_null_deletes_a_key()
    {
        var obj = Parse("""{"metadata":{"labels":{"a":"1","b":"2"},"annotations":{"x":"y"}}}""");

        var result = StrategicMergePatch.Apply("Secret", obj, Parse("""{"metadata":{"labels":{"a":null,"c":"3"}}}"""));

        Assert.Equal("""{"metadata":{"labels":{"b":"2","c":"3"},"annotations":{"x":"y"}}}""", result.ToJsonString());
    }

    [Fact]
    public void Patch_delete_directive_removes_a_map_and_a_list_element()
    {
        var service = Parse("""{"metadata":{"annotations":{"x":"y"}},"spec":{"ports":[{"port":80},{"port":443}]}}""");

        var result = StrategicMergePatch.Apply("Service", service,
            Parse("""{"metadata":{"annotations":{"$patch":"delete"}},"spec":{"ports":[{"port":80,"$patch":"delete"}]}}"""));

        Assert.Equal("""{"metadata":{},"spec":{"ports":[{"port":443}]}}""", result.ToJsonString());
    }

    [Fact]
    public void Patch_replace_directive_replaces_a_map()
    {
        var obj = Parse("""{"metadata":{"labels":{"a":"1","b":"2"}}}""");

        var result = StrategicMergePatch.Apply("Secret", obj, Parse("""{"metadata":{"labels":{"$patch":"replace","c":"3"}}}"""));

        Assert.Equal("""{"metadata":{"labels":{"c":"3"}}}""", result.ToJsonString());
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_delete_from_primitive_list_removes()
    {
        var obj = Parse("""{"metadata":{"finalizers":["a","b"]}}""");

        var added = StrategicMergePatch.Apply("Ingress", obj, Parse("""{"metadata":{"finalizers":["b","c"]}}"""));
        var removed = StrategicMergePatch.Apply("Ingress", added, Parse("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"""));

        Assert.Equal("""{"metadata":{"finalizers":["b","c"]}}""", removed.ToJsonString());
    }

    [Fact]
    public void Set_element_order_orders_a_merged_list()
    {
        var service = Parse("""{"spec":{"ports":[{"port":80},{"port":443}]}}""");

        var result = StrategicMergePatch.Apply("Service", service,
            Parse("""{"spec":{"$setElementOrder/ports":[{"port":443},{"port":80}],"ports":[{"port":443,"name":"https"}]}}"""));

        Assert.Equal("""{"spec":{"ports":[{"port":443,"name":"https"},{"port":80}]}}""", result.ToJsonString());
    }

    [Fact]
    public void A_merge_list_element_without_its_key_is_an_error()
    {
        var service = Parse("""{"spec":{"ports":[{"port":80}]}}""");

        Assert.Throws<PatchException>(() => StrategicMergePatch.Apply("Service", service, Parse("""{"spec":{"ports":[{"name":"x"}]}}""")));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}

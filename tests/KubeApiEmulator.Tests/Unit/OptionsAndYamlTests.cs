using System.Text.Json.Nodes;
using KubeApiEmulator.Options;
using KubeApiEmulator.Seeding;

namespace KubeApiEmulator.Tests.Unit;

public sealed class OptionsAndYamlTests
{
    [Fact]
    public void The_command_line_is_parsed()
    {
        var options = EmulatorOptionsParser.Parse(["--port", "0", "--front-port=5002", "--token", "abc", "--upstream", "demo/responder=http://127.0.0.1:7071",
            "--gateway-listener-port", "443=8443", "--gateway-listener-port=8080=0"])!;

        Assert.Equal(5002, options.FrontPort);
        Assert.Equal(8443, options.GatewayListenerPorts[443]);
        Assert.Equal(0, options.GatewayListenerPorts[8080]);
        Assert.Equal("abc", options.Token);
        Assert.Equal(new Uri("http://127.0.0.1:7071"), options.Upstreams["demo/responder"]);
    }

    [Theory]
    [InlineData("--port", "70000", "--port must be a port number from 0 to 65535, not '70000'.")]
    [InlineData("--upstream", "responder=http://x", "--upstream 'responder=http://x': expected namespace/service=url")]
    [InlineData("--upstream", "a/b=ftp://x", "--upstream 'a/b=ftp://x': 'ftp://x' is not an absolute http:// or https:// URL")]
    [InlineData("--seed", "/no/such/file.yaml", "--seed '/no/such/file.yaml' is neither a file nor a folder.")]
    [InlineData("--bogus", "x", "Unknown option '--bogus'.")]
    [InlineData("--gateway-listener-port", "443", "--gateway-listener-port '443' must be <listener port>=<local port>, for example 443=8443.")]
    [InlineData("--gateway-listener-port", "0=8443", "--gateway-listener-port: the listener port must be from 1 to 65535.")]
    public void A_bad_command_line_is_explained(string option, string value, string message)
    {
        var error = Assert.Throws<OptionsException>(() => EmulatorOptionsParser.Parse([option, value]));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Yaml_scalars_are_typed_like_yaml_1_2_core_schema()
    {
        var documents = YamlToJson.ReadDocuments("""
            a: 1
            b: "1"
            c: true
            d: ~
            e: 1.5
            f: on
            g: &x {k: v}
            h: *x
            ---
            second: doc
            """);

        Assert.Equal(2, documents.Count);
        Assert.Equal("""{"a":1,"b":"1","c":true,"d":null,"e":1.5,"f":"on","g":{"k":"v"},"h":{"k":"v"}}""", documents[0].ToJsonString());
        Assert.Equal("doc", (string?)documents[1]["second"]);
        Assert.IsType<JsonObject>(YamlToJson.ReadDocuments("""{"json": [1, 2]}""")[0]);
    }
}

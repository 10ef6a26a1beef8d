using System.Text.Json.Nodes;
using KubeApiEmulator.Options;
using KubeApiEmulator.Routing.Gateway;

namespace KubeApiEmulator.Tests.Unit;

public sealed class GatewayRoutingRulesTests
{
    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "b.a.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("a.example.com", "a.example.com", true)]
    [InlineData("a.example.com", "b.example.com", false)]
    [InlineData(null, "anything.test", true)]
    public void A_wildcard_hostname_matches_one_or_more_labels_but_not_the_suffix(string? pattern, string host, bool expected) =>
        Assert.Equal(expected, Hostnames.Matches(pattern, host));

    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("a.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "*.a.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("a.example.com", "b.example.com", false)]
    public void Listener_and_route_hostnames_intersect_when_some_host_matches_both(string listener, string route, bool expected) =>
        Assert.Equal(expected, Hostnames.Intersect(listener, route));

    [Theory]
    [InlineData("/foo", "/xyz", "/foo/bar", "/xyz/bar")]
    [InlineData("/foo/", "/xyz", "/foo/bar", "/xyz/bar")]
    [InlineData("/foo", "/", "/foo/bar", "/bar")]
    [InlineData("/foo", "/", "/foo", "/")]
    [InlineData("/foo", "/xyz/", "/foo", "/xyz")]
    public void ReplacePrefixMatch_replaces_whole_path_elements(string prefix, string replacement, string path, string expected)
    {
        var match = new JsonObject { ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = prefix } };
        var modifier = new JsonObject { ["type"] = "ReplacePrefixMatch", ["replacePrefixMatch"] = replacement };

        Assert.Equal(expected, PathRewrite.Apply(modifier, match, path));
    }

    [Fact]
    public void The_gateway_controller_defaults_to_the_emulator_name_and_can_be_replaced_or_disabled()
    {
        var defaults = EmulatorOptionsParser.Parse([])!;
        var named = EmulatorOptionsParser.Parse(["--gateway-controller", "example.com/a", "--gateway-controller=example.com/b", "--gateway-front-listener-port", "8080"])!;
        var none = EmulatorOptionsParser.Parse(["--no-gateway-controller"])!;

        Assert.Equal(["certfunctions.io/emulator-gateway-controller"], defaults.GatewayControllerNames);
        Assert.Equal(80, defaults.GatewayFrontListenerPort);
        Assert.Equal(["example.com/a", "example.com/b"], named.GatewayControllerNames);
        Assert.Equal(8080, named.GatewayFrontListenerPort);
        Assert.Empty(none.GatewayControllerNames);
    }

    [Theory]
    [InlineData("--gateway-controller", "no-slash", "--gateway-controller 'no-slash' is not a controllerName (a domain-prefixed path such as example.com/gateway-controller).")]
    [InlineData("--gateway-front-listener-port", "0", "--gateway-front-listener-port must be a port number from 1 to 65535.")]
    public void A_bad_gateway_option_is_explained(string option, string value, string message)
    {
        var error = Assert.Throws<OptionsException>(() => EmulatorOptionsParser.Parse([option, value]));

        Assert.Equal(message, error.Message);
    }
}

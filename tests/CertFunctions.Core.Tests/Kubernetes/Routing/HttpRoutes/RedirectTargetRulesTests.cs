using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Kubernetes.Routing.HttpRoutes;

public sealed class RedirectTargetRulesTests
{
    [Theory]
    [InlineData("https://myapp.azurewebsites.net")]
    [InlineData("https://myapp.azurewebsites.net:443/")]
    [InlineData("http://responder.example.com")]
    public void Targets_lets_encrypt_follows_pass(string url) => Assert.Empty(RedirectTargetRules.Check(new Uri(url), allowAnyTarget: false));

    [Theory]
    [InlineData("https://20.1.2.3", "IP address")]
    [InlineData("https://[2001:db8::1]", "IP address")]
    [InlineData("https://myapp.azurewebsites.net:8443", "port 8443")]
    [InlineData("http://myapp.azurewebsites.net:7071", "port 7071")]
    [InlineData("https://myapp.azurewebsites.net/api", "path")]
    [InlineData("ftp://myapp.azurewebsites.net", "http or https")]
    public void An_ip_another_port_or_a_path_is_refused_in_production_settings(string url, string expected)
    {
        var problem = Assert.Single(RedirectTargetRules.Check(new Uri(url), allowAnyTarget: false));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_world_may_redirect_to_a_loopback_port_but_never_to_a_path()
    {
        Assert.Empty(RedirectTargetRules.Check(new Uri("http://127.0.0.1:7071"), allowAnyTarget: true));
        Assert.Empty(RedirectTargetRules.Check(new Uri("http://responder.test:7071"), allowAnyTarget: true));
        Assert.Single(RedirectTargetRules.Check(new Uri("http://127.0.0.1:7071/x"), allowAnyTarget: true));
    }

    [Fact]
    public void Start_up_validation_names_the_setting_and_the_way_out_for_a_local_world()
    {
        var result = new GatewayRoutingOptionsValidator().Validate(Options.DefaultName, new GatewayRoutingOptions { ResponderUrl = new Uri("http://127.0.0.1:7071") });
        var local = new GatewayRoutingOptionsValidator().Validate(
            Options.DefaultName, new GatewayRoutingOptions { ResponderUrl = new Uri("http://127.0.0.1:7071"), AllowAnyRedirectTarget = true });
        var timeout = new GatewayRoutingOptionsValidator().Validate(Options.DefaultName, new GatewayRoutingOptions { RouteAcceptTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.All(result.Failures!, f => Assert.StartsWith("Challenge:ResponderUrl: ", f, StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Challenge:AllowAnyRedirectTarget=true", StringComparison.Ordinal));
        Assert.True(local.Succeeded);
        Assert.Contains("Challenge:RouteAcceptTimeout", Assert.Single(timeout.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_responder_url_the_function_app_host_name_is_the_target()
    {
        Assert.Equal(new Uri("https://myapp.azurewebsites.net"), new GatewayRoutingOptions().ResolveResponderUrl("myapp.azurewebsites.net"));
        Assert.Null(new GatewayRoutingOptions().ResolveResponderUrl(null));
        Assert.Equal(new Uri("https://set.example.com"), new GatewayRoutingOptions { ResponderUrl = new Uri("https://set.example.com") }.ResolveResponderUrl("myapp.azurewebsites.net"));
    }
}

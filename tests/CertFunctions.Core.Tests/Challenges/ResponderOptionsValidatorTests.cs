using CertFunctions.Core.Challenges;
using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Challenges;

/// <summary><c>Responder:RequireKnownHost</c> is refused at start where the app's routing hides the name from the responder.</summary>
public sealed class ResponderOptionsValidatorTests
{
    [Theory]
    [InlineData(SolverPreset.IngressNginx)]
    [InlineData(SolverPreset.AzureApplicationGateway)]
    public void A_host_check_behind_a_preset_that_rewrites_the_host_is_refused_naming_the_settings(SolverPreset preset)
    {
        var result = Validate(requireKnownHost: true, RoutingStrategy.SolverIngress, preset);

        Assert.True(result.Failed);
        Assert.Contains("Responder:RequireKnownHost", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains($"Challenge:SolverPreset={preset}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, RoutingStrategy.InPlace, SolverPreset.IngressNginx)]
    [InlineData(true, RoutingStrategy.SolverIngress, SolverPreset.Plain)]
    [InlineData(false, RoutingStrategy.SolverIngress, SolverPreset.IngressNginx)]
    public void Combinations_where_the_responder_sees_the_name_or_does_not_check_it_pass(bool requireKnownHost, RoutingStrategy routing, SolverPreset preset)
        => Assert.True(Validate(requireKnownHost, routing, preset).Succeeded);

    private static ValidateOptionsResult Validate(bool requireKnownHost, RoutingStrategy routing, SolverPreset preset)
        => new ResponderOptionsValidator(Options.Create(new ChallengeRoutingOptions { Routing = routing, SolverPreset = preset }))
            .Validate(null, new ResponderOptions { RequireKnownHost = requireKnownHost });
}

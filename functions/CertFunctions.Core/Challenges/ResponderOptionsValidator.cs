using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Challenges;

/// <summary>Refuses a responder host check that the configured routing makes impossible, naming the settings.</summary>
public sealed class ResponderOptionsValidator(IOptions<ChallengeRoutingOptions> routing) : IValidateOptions<ResponderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ResponderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var challenge = routing.Value;
        return options.RequireKnownHost && challenge.Routing.HidesHostFromResponder(challenge.SolverPreset)
            ? ValidateOptionsResult.Fail(
                $"Responder:RequireKnownHost cannot be used with Challenge:Routing={challenge.Routing} and Challenge:SolverPreset={challenge.SolverPreset}: " +
                "that preset makes the controller send the responder's own host name, so the responder never sees the certificate's name " +
                "and would refuse every challenge. Turn Responder:RequireKnownHost off, or use Challenge:SolverPreset=Plain or Challenge:Routing=InPlace.")
            : ValidateOptionsResult.Success;
    }
}

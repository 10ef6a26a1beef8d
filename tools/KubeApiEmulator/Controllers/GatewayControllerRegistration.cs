using KubeApiEmulator.Routing.Gateway;
using KubeApiEmulator.Routing.Gateway.Tls;

namespace KubeApiEmulator.Controllers;

/// <summary>Registers the Gateway API model, router, listener servers and controller with the emulator's services.</summary>
internal static class GatewayControllerRegistration
{
    /// <summary>Adds everything the Gateway front and controller need.</summary>
    public static IServiceCollection AddGatewayController(this IServiceCollection services)
    {
        services.AddSingleton<ServingCertificates>();
        services.AddSingleton<GatewayModelSource>();
        services.AddSingleton<ListenerTls>();
        services.AddSingleton<ServiceBackends>();
        services.AddSingleton<GatewayRouter>();
        services.AddSingleton<GatewayFront>();
        services.AddSingleton<ListenerPortServers>();
        services.AddHostedService<GatewayController>();
        return services;
    }
}

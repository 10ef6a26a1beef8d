using CertFunctions.Hosting;
using CertFunctions.Local.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CertFunctions.Tests.Startup;

/// <summary>
/// Both hosts build their containers the way they start: <c>func start</c> runs the worker in Development, where the
/// container is built with scope and build validation, so a registration that cannot resolve stops the app.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ContainerValidationTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void The_functions_app_builds_and_resolves_every_service(string environment)
    {
        // The Functions host tells the worker its environment this way (func start: Development).
        using var variable = new EnvironmentVariableScope("AZURE_FUNCTIONS_ENVIRONMENT", environment);
        var builder = FunctionsAppBuilder.Create(StartupSettings.FunctionsWorkerArguments(environment));
        var registrations = builder.Services.ToList();

        using var host = builder.Build();

        Assert.Equal(environment, host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
        ResolveEveryService(host.Services, registrations);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void The_local_host_builds_and_resolves_every_service(string environment)
    {
        var builder = LocalHostBuilder.Create(StartupSettings.Arguments(environment));
        var registrations = builder.Services.ToList();

        using var host = builder.Build();

        Assert.Equal(environment, host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
        ResolveEveryService(host.Services, registrations);
    }

    [Fact]
    public void The_functions_app_registers_nothing_that_needs_an_orchestration_gateway()
    {
        var builder = FunctionsAppBuilder.Create(StartupSettings.FunctionsWorkerArguments("Production"));

        var needsGateway = builder.Services
            .Where(d => d.ImplementationType?.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Core.Hosting.IOrchestrationGateway))) == true)
            .Select(d => d.ImplementationType!.Name)
            .ToList();

        Assert.Empty(needsGateway);
    }

    /// <summary>Resolves each registered service type in a scope (open generics are resolved through their closed uses) and runs start-up validation.</summary>
    private static void ResolveEveryService(IServiceProvider root, IEnumerable<ServiceDescriptor> registrations)
    {
        using var scope = root.CreateScope();
        var services = scope.ServiceProvider;
        var failures = new List<string>();
        foreach (var type in registrations.Select(d => d.ServiceType).Where(t => !t.ContainsGenericParameters).Distinct())
        {
            try
            {
                _ = services.GetServices(type).ToList();
            }
            catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException)
            {
                failures.Add($"{type.FullName}: {ex.Message}");
            }
        }

        services.GetService<IStartupValidator>()?.Validate();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}

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

    [Fact]
    public void The_functions_app_makes_the_webhook_endpoint_per_call_and_runs_the_worker_that_starts_what_it_records()
    {
        var builder = FunctionsAppBuilder.Create(StartupSettings.FunctionsWorkerArguments("Production"));
        using var host = builder.Build();

        // As AdmissionFunctions does: the invocation's Durable client is the one thing the container does not hold.
        var endpoint = ActivatorUtilities.CreateInstance<Core.Admission.AdmissionWebhookEndpoint>(host.Services, new UnusedGateway());

        Assert.NotNull(endpoint);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is Core.Admission.AdmissionStartWorker);
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

    /// <summary>Stands in for an invocation's Durable client; building the endpoint never calls it.</summary>
    private sealed class UnusedGateway : Core.Hosting.IOrchestrationGateway
    {
        public Task<Core.Hosting.OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Core.Hosting.OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

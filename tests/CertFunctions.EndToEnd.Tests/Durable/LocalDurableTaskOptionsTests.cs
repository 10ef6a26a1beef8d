using CertFunctions.Core.Hosting;
using CertFunctions.Local.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Registration and option checks that need no storage.</summary>
public sealed class LocalDurableTaskOptionsTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("hub-name")]
    public void Invalid_task_hub_names_are_rejected_with_a_clear_message(string taskHub)
    {
        using var services = new ServiceCollection()
            .AddLocalDurableTask(o => o.TaskHubName = taskHub)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LocalDurableTaskOptions>>().Value);
        Assert.Contains("TaskHubName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_registration_adds_tasks_to_one_registry_and_one_engine()
    {
        var services = new ServiceCollection()
            .AddLocalDurableTask(_ => { }, tasks => tasks.AddOrchestrator<TwoStepOrchestrator>(TwoStepOrchestrator.Name))
            .AddLocalDurableTask(_ => { }, tasks => tasks.AddActivity<QuoteActivity>(QuoteActivity.Name));

        Assert.Single(services, d => d.ServiceType == typeof(LocalDurableTaskEngine));
        Assert.Single(services, d => d.ServiceType == typeof(IOrchestrationGateway));
        var registry = Assert.Single(services, d => d.ServiceType == typeof(LocalDurableTaskRegistry)).ImplementationInstance as LocalDurableTaskRegistry;
        Assert.Equal([TwoStepOrchestrator.Name], registry!.OrchestratorNames);
        Assert.Equal([QuoteActivity.Name], registry.ActivityNames);
    }

    [Fact]
    public void Duplicate_names_are_rejected()
    {
        var registry = new LocalDurableTaskRegistry().AddActivity<QuoteActivity>("Same");

        Assert.Throws<InvalidOperationException>(() => registry.AddActivity<ConfirmActivity>("same"));
    }
}

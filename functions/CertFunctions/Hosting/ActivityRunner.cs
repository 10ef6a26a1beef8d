using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Hosting;

/// <summary>Runs one of Core's activity classes from an activity-trigger function.</summary>
internal static class ActivityRunner
{
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext functionContext, string name, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        var activity = functionContext.InstanceServices.GetRequiredService<TActivity>();
        var instanceId = functionContext.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? string.Empty : string.Empty;
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
    }
}

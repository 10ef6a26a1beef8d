using CertFunctions.Core.DependencyInjection;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

namespace CertFunctions.Hosting;

/// <summary>Composes the Functions app's worker: the one place <c>Program.cs</c> and the start-up tests build it from.</summary>
public static class FunctionsAppBuilder
{
    /// <summary>Creates the worker's builder with every CertFunctions service registered.</summary>
    /// <remarks>
    /// No orchestration gateway is registered: the triggers make one per call from their <c>[DurableClient]</c>
    /// binding, so the container holds only what resolves without one (the host validates it in Development).
    /// </remarks>
    public static FunctionsApplicationBuilder Create(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddCertFunctionsCore(builder.Configuration);
        return builder;
    }
}

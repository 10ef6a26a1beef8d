using CertFunctions.Hosting;
using Microsoft.Extensions.Hosting;

FunctionsAppBuilder.Create(args).Build().Run();

using System.CommandLine;
using CertFunctions.Cli;

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
return await CliApplication.RunAsync(args, http, Environment.GetEnvironmentVariable, new InvocationConfiguration(), CancellationToken.None).ConfigureAwait(false);

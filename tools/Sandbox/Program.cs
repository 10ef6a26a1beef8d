using CertFunctions.Sandbox;

// scripts/sandbox.sh runs this: the local world, a real certificate end to end, the result a user cares about.
var keep = args.Contains("--keep");
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("usage: scripts/sandbox.sh [--keep]\n  --keep  keep the world running to explore (Ctrl-C stops everything)");
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });

return await new SandboxRun(keep).RunAsync(stop.Token);

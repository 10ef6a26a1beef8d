using AcmeBench;

return await BenchRunner.RunAsync(args);

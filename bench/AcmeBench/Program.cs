using AcmeBench;

return args.Length > 0 && args[0] == "issue"
    ? await IssueCommand.RunAsync(args[1..])
    : await BenchRunner.RunAsync(args);

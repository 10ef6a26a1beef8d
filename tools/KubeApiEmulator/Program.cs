using KubeApiEmulator;
using KubeApiEmulator.Options;

EmulatorOptions? options;
try
{
    options = EmulatorOptionsParser.Parse(args);
}
catch (OptionsException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    await Console.Error.WriteLineAsync(EmulatorOptionsParser.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(EmulatorOptionsParser.Usage);
    return 0;
}

return await EmulatorHost.RunAsync(options);

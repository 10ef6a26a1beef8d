using CertFunctions.Testing.Pebble;
using CertFunctions.Testing.Processes;

namespace CertFunctions.Acme.Tests.Pebble;

/// <summary>Changes a process-wide environment variable, so it runs alone.</summary>
[CollectionDefinition(nameof(MissingPebbleTests), DisableParallelization = true)]
[Collection(nameof(MissingPebbleTests))]
public sealed class MissingPebbleTests
{
    [Fact]
    public async Task A_missing_pebble_binary_fails_naming_the_Debian_package()
    {
        const string variable = "CERTFUNCTIONS_PEBBLE_PATH";
        var previous = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, "/nonexistent/pebble");
        try
        {
            var fixture = new PebbleFixture();

            var error = await Assert.ThrowsAsync<MissingProgramException>(fixture.InitializeAsync);

            Assert.Contains("apt-get install pebble", error.Message, StringComparison.Ordinal);
            await fixture.DisposeAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, previous);
        }
    }
}

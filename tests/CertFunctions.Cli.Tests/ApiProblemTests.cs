using System.Text.Json.Nodes;
using CertFunctions.Cli.Api;

namespace CertFunctions.Cli.Tests;

/// <summary>Problem+json answers in words, and the exit code each status means.</summary>
public sealed class ApiProblemTests
{
    [Fact]
    public void A_problem_reads_as_its_title_detail_and_field_errors()
    {
        const string body = """{"type":"https://httpstatuses.io/400","title":"Invalid certificate request","status":400,"detail":"The request names no valid Ingress; see errors.","errors":{"namespace":["'X' is not valid."],"ingress":["'ingress' is required."]}}""";

        var problem = ApiProblem.From(new ApiResponse(400, JsonNode.Parse(body), body));

        Assert.Equal(
            "error: Invalid certificate request (400)\n  The request names no valid Ingress; see errors.\n  - namespace: 'X' is not valid.\n  - ingress: 'ingress' is required.",
            problem.ToText().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_answer_that_is_not_a_problem_shows_its_status_and_text()
    {
        var problem = ApiProblem.From(new ApiResponse(502, null, "Bad gateway from the front end"));

        Assert.Equal("error: Service unavailable (502)\n  Bad gateway from the front end", problem.ToText().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(404, 3)]
    [InlineData(400, 2)]
    [InlineData(413, 2)]
    [InlineData(415, 2)]
    [InlineData(401, 1)]
    [InlineData(409, 1)]
    [InlineData(503, 1)]
    [InlineData(0, 1)]
    public void Each_status_maps_to_the_documented_exit_code(int status, int exitCode)
        => Assert.Equal(exitCode, new ApiProblem(status, "t", null, []).ExitCode);
}

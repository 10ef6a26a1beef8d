using CertFunctions.Acme.Http;

namespace CertFunctions.Acme.Tests.Protocol;

public sealed class HeaderParserTests
{
    [Fact]
    public void Alternate_links_are_found_among_other_relations_and_resolved()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", "<https://ca.test/dir>;rel=\"index\"");
        response.Headers.TryAddWithoutValidation("Link", "</cert/1/1>;rel=\"alternate\", <https://ca.test/cert/1/2>; rel=alternate");
        response.Headers.TryAddWithoutValidation("Link", "<https://ca.test/x,y>;rel=\"up alternate\"");

        var links = HeaderParser.Links(response.Headers, "alternate", new Uri("https://ca.test/cert/1"));

        Assert.Equal(
            [new Uri("https://ca.test/cert/1/1"), new Uri("https://ca.test/cert/1/2"), new Uri("https://ca.test/x,y")],
            links);
    }

    [Fact]
    public void Retry_After_accepts_seconds_and_dates()
    {
        using var seconds = new HttpResponseMessage();
        seconds.Headers.TryAddWithoutValidation("Retry-After", "120");
        using var date = new HttpResponseMessage();
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddMinutes(5));
        var clock = new Support.ManualTimeProvider();

        Assert.Equal(TimeSpan.FromMinutes(2), HeaderParser.RetryAfter(seconds, clock));
        Assert.Equal(TimeSpan.FromMinutes(5), HeaderParser.RetryAfter(date, clock));
    }
}

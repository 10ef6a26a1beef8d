using CertFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CertFunctions.Core.Tests.Http;

/// <summary>The links the API returns name the address clients use, not the host's internal forward.</summary>
public sealed class PublicBaseUrlTests
{
    private const string Path = "/api/certificates/operations/cert_x";

    [Fact]
    public void Forwarded_scheme_and_host_win_over_the_internal_request()
    {
        var request = Request("http", "127.0.0.1:7071", ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "certs.example.com"));

        Assert.Equal("https://certs.example.com" + Path, Url(request));
    }

    [Fact]
    public void The_first_of_several_forwarded_values_is_the_client_facing_one()
    {
        var request = Request("http", "10.0.0.4", ("X-Forwarded-Proto", "https, http"), ("X-Forwarded-Host", "certs.example.com, internal.local"));

        Assert.Equal("https://certs.example.com" + Path, Url(request));
    }

    [Fact]
    public void A_forwarded_scheme_alone_corrects_the_scheme_of_the_request_host()
    {
        var request = Request("http", "certs.example.com", ("X-Forwarded-Proto", "https"));

        Assert.Equal("https://certs.example.com" + Path, Url(request));
    }

    [Fact]
    public void Without_forwarded_headers_the_app_service_host_name_is_used_with_https()
    {
        var request = Request("http", "localhost:40123");

        Assert.Equal("https://certfn-abc.azurewebsites.net" + Path, Url(request, websiteHostName: "certfn-abc.azurewebsites.net"));
    }

    [Fact]
    public void The_local_host_answers_with_the_request_address()
    {
        var request = Request("http", "127.0.0.1:7071");

        Assert.Equal("http://127.0.0.1:7071" + Path, Url(request));
    }

    [Theory]
    [InlineData("evil.example/phish")]
    [InlineData("user@evil.example")]
    [InlineData("evil.example?x=1")]
    [InlineData("bad host")]
    public void A_forwarded_host_that_is_not_a_bare_host_is_ignored(string forwardedHost)
    {
        var request = Request("http", "127.0.0.1:7071", ("X-Forwarded-Host", forwardedHost));

        Assert.Equal("http://127.0.0.1:7071" + Path, Url(request));
    }

    [Fact]
    public void A_forwarded_scheme_other_than_http_or_https_is_ignored()
    {
        var request = Request("http", "127.0.0.1:7071", ("X-Forwarded-Proto", "javascript"), ("X-Forwarded-Host", "certs.example.com:8443"));

        Assert.Equal("http://certs.example.com:8443" + Path, Url(request));
    }

    private static string Url(HttpRequest request, string? websiteHostName = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PublicBaseUrl.WebsiteHostNameSetting] = websiteHostName })
            .Build();
        return new PublicBaseUrl(configuration).For(request, Path);
    }

    private static HttpRequest Request(string scheme, string host, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = HostString.FromUriComponent(host);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}

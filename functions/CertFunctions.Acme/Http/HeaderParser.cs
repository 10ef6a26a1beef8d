using System.Net.Http.Headers;

namespace CertFunctions.Acme.Http;

/// <summary>Reads Retry-After and Link headers.</summary>
internal static class HeaderParser
{
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>The targets of <c>Link</c> headers with the given relation, resolved against the request URL.</summary>
    public static List<Uri> Links(HttpResponseHeaders headers, string relation, Uri baseUri)
    {
        var links = new List<Uri>();
        if (!headers.TryGetValues("Link", out var values))
        {
            return links;
        }

        foreach (var value in values)
        {
            foreach (var part in SplitLinks(value))
            {
                var close = part.IndexOf('>', StringComparison.Ordinal);
                var open = part.IndexOf('<', StringComparison.Ordinal);
                if (open < 0 || close < open)
                {
                    continue;
                }

                var parameters = part[(close + 1)..];
                if (HasRelation(parameters, relation) && Uri.TryCreate(baseUri, part[(open + 1)..close], out var target))
                {
                    links.Add(target);
                }
            }
        }

        return links;
    }

    private static IEnumerable<string> SplitLinks(string value)
    {
        var start = 0;
        var inUri = false;
        var inQuotes = false;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '<' when !inQuotes:
                    inUri = true;
                    break;
                case '>' when !inQuotes:
                    inUri = false;
                    break;
                case '"' when !inUri:
                    inQuotes = !inQuotes;
                    break;
                case ',' when !inUri && !inQuotes:
                    yield return value[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return value[start..];
    }

    private static bool HasRelation(string parameters, string relation)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var values = parameter[(equals + 1)..].Trim().Trim('"');
            if (values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(v => v.Equals(relation, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Globalization;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Api;

/// <summary>The query parameters of a list or watch: selectors, limit, continue, resourceVersion.</summary>
internal sealed record ListQuery(LabelSelector Labels, FieldSelector Fields, int Limit, string? Continue, string? ResourceVersion, int? TimeoutSeconds)
{
    /// <summary>Reads the parameters of <paramref name="request"/> for a collection of <paramref name="type"/>.</summary>
    /// <exception cref="StatusException">400 for a parameter that does not parse.</exception>
    public static ListQuery From(HttpRequest request, ResourceType type, bool watch = false)
    {
        var storage = type.StorageName;
        var query = request.Query;
        var limitText = query["limit"].ToString();
        var limit = 0;
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit) || limit < 0))
        {
            limit = 0;
        }

        var continueToken = query["continue"].ToString();
        var resourceVersion = query["resourceVersion"].ToString();
        if (continueToken.Length > 0 && resourceVersion.Length > 0 && resourceVersion != "0")
        {
            throw StatusObjects.BadRequest("specifying resource version is not allowed when using continue");
        }

        if (resourceVersion.Length > 0 && !long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw StatusObjects.BadRequest($"invalid resource version: {resourceVersion}");
        }

        ListOptionsValidation.Check(query["resourceVersionMatch"].ToString(), resourceVersion, continueToken, watch);

        // resourceVersion=0 is served from the watch cache, which ignores limit: the whole list, no continue (v1.32).
        if (resourceVersion == "0" && !watch && continueToken.Length == 0)
        {
            limit = 0;
        }

        var timeoutText = query["timeoutSeconds"].ToString();
        int? timeout = int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        return new ListQuery(
            LabelSelector.Parse(query["labelSelector"].ToString()),
            FieldSelector.Parse(query["fieldSelector"].ToString(), storage, FieldLabelConversion.For(type.Group, storage)),
            limit,
            continueToken.Length > 0 ? continueToken : null,
            resourceVersion.Length > 0 ? resourceVersion : null,
            timeout);
    }

    /// <summary>True when an object passes both selectors.</summary>
    public bool Matches(StoredObject obj) => Labels.Matches(obj.Labels) && Fields.Matches(obj.Fields);
}

using KubeApiEmulator.Validation;

namespace KubeApiEmulator.Api;

/// <summary>ValidateListOptions: the resourceVersionMatch rules, answered as 422 on ListOptions.meta.k8s.io.</summary>
internal static class ListOptionsValidation
{
    /// <summary>Checks resourceVersionMatch against the other list parameters.</summary>
    /// <exception cref="StatusException">422 Invalid naming every broken rule.</exception>
    public static void Check(string match, string resourceVersion, string continueToken, bool watch)
    {
        if (match.Length == 0)
        {
            return;
        }

        var errors = new List<FieldError>();
        if (watch)
        {
            errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch"));
        }

        if (resourceVersion.Length == 0)
        {
            errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
        }

        if (continueToken.Length > 0)
        {
            errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
        }

        switch (match)
        {
            case "NotOlderThan":
                break;
            case "Exact" when resourceVersion == "0":
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
                break;
            case "Exact":
                break;
            default:
                errors.Add(FieldError.NotSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]));
                break;
        }

        if (errors.Count > 0)
        {
            throw InvalidStatus.Options("ListOptions", errors);
        }
    }
}

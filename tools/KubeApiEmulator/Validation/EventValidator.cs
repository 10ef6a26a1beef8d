namespace KubeApiEmulator.Validation;

/// <summary>
/// Event validation as the real server does it: the legacy rules for every request (namespace agreement;
/// with an eventTime, the reporting fields, action and reason), plus the strict rules for creates through
/// events.k8s.io/v1 (eventTime and type required, deprecated fields unset).
/// </summary>
internal static class EventValidator
{
    private const int ReportingInstanceLengthLimit = 128;
    private const int ActionLengthLimit = 128;
    private const int ReasonLengthLimit = 128;
    private const int NoteLengthLimit = 1024;

    /// <summary>Checks an Event in its core/v1 (stored) shape; <paramref name="viaEventsApi"/> when it came through events.k8s.io/v1.</summary>
    public static void Validate(ValidationContext context, bool viaEventsApi)
    {
        var obj = context.Object;
        var ns = obj.GetString("metadata", "namespace") ?? string.Empty;
        var involvedNamespace = obj.GetString("involvedObject", "namespace") ?? string.Empty;
        var controllerField = viaEventsApi ? "reportingController" : "reportingComponent";
        if (obj["eventTime"] is null)
        {
            if (involvedNamespace.Length == 0 ? ns is not ("" or "default") : ns != involvedNamespace)
            {
                context.Add(FieldError.Invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
        }
        else
        {
            if (involvedNamespace.Length == 0 && ns is not ("default" or "kube-system"))
            {
                context.Add(FieldError.Invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }

            var controller = obj.GetString("reportingComponent") ?? string.Empty;
            if (controller.Length == 0)
            {
                context.Add(FieldError.Required(controllerField));
            }

            context.AddInvalid(controllerField, controller, controller.Length == 0 ? [] : NameRules.QualifiedName(controller));
            CheckRequiredAndLength(context, "reportingInstance", obj.GetString("reportingInstance"), ReportingInstanceLengthLimit);
            CheckRequiredAndLength(context, "action", obj.GetString("action"), ActionLengthLimit);
            CheckRequiredAndLength(context, "reason", obj.GetString("reason"), ReasonLengthLimit);
            if ((obj.GetString("message")?.Length ?? 0) > NoteLengthLimit)
            {
                context.Add(FieldError.Invalid("message", string.Empty, $"can have at most {NoteLengthLimit} characters"));
            }
        }

        if (!viaEventsApi || context.IsUpdate)
        {
            return;
        }

        if (obj["eventTime"] is null)
        {
            context.Add(FieldError.Required("eventTime"));
        }

        var type = obj.GetString("type") ?? string.Empty;
        if (type is not ("Normal" or "Warning"))
        {
            context.Add(FieldError.Invalid("type", string.Empty, $"has invalid value: {type}"));
        }

        foreach (var deprecated in new[] { "firstTimestamp", "lastTimestamp", "count", "source" })
        {
            // source is a struct in the internal type: only a non-empty one counts as set.
            if (obj[deprecated] is not null and not System.Text.Json.Nodes.JsonObject { Count: 0 })
            {
                context.Add(FieldError.Invalid(deprecated, string.Empty, "needs to be unset"));
            }
        }
    }

    private static void CheckRequiredAndLength(ValidationContext context, string field, string? value, int limit)
    {
        if (string.IsNullOrEmpty(value))
        {
            context.Add(FieldError.Required(field));
        }
        else if (value.Length > limit)
        {
            context.Add(FieldError.Invalid(field, string.Empty, $"can have at most {limit} characters"));
        }
    }
}

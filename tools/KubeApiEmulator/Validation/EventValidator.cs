namespace KubeApiEmulator.Validation;

/// <summary>Event validation: the namespace of the involved object, and the fields events.k8s.io/v1 requires of new events.</summary>
internal static class EventValidator
{
    private static readonly string[] EventTypes = ["Normal", "Warning"];

    /// <summary>Checks an Event in its core/v1 (stored) shape; <paramref name="viaEventsApi"/> when it came through events.k8s.io/v1.</summary>
    public static void Validate(ValidationContext context, bool viaEventsApi)
    {
        var obj = context.Object;
        var ns = obj.GetString("metadata", "namespace") ?? string.Empty;
        var involvedNamespace = obj.GetString("involvedObject", "namespace") ?? string.Empty;
        var regarding = viaEventsApi ? "regarding" : "involvedObject";
        if (involvedNamespace.Length > 0 && involvedNamespace != ns)
        {
            context.Add(FieldError.Invalid(regarding + ".namespace", involvedNamespace, "does not match event.namespace"));
        }

        var type = obj.GetString("type");
        var eventTime = obj["eventTime"];
        if (!viaEventsApi && eventTime is null)
        {
            if (type is not null && type.Length > 0 && !EventTypes.Contains(type))
            {
                context.Add(FieldError.NotSupported("type", type, EventTypes));
            }

            return;
        }

        if (context.IsUpdate)
        {
            return;
        }

        if (eventTime is null)
        {
            context.Add(FieldError.Required("eventTime"));
        }

        if (type is null || !EventTypes.Contains(type))
        {
            context.Add(FieldError.NotSupported("type", type ?? string.Empty, EventTypes));
        }

        var controller = obj.GetString("reportingComponent") ?? string.Empty;
        var controllerField = viaEventsApi ? "reportingController" : "reportingComponent";
        if (controller.Length == 0)
        {
            context.Add(FieldError.Required(controllerField));
        }
        else
        {
            context.AddInvalid(controllerField, controller, NameRules.QualifiedName(controller));
        }

        if (string.IsNullOrEmpty(obj.GetString("reportingInstance")))
        {
            context.Add(FieldError.Required("reportingInstance"));
        }

        if (string.IsNullOrEmpty(obj.GetString("action")))
        {
            context.Add(FieldError.Required("action"));
        }

        if (string.IsNullOrEmpty(obj.GetString("reason")))
        {
            context.Add(FieldError.Required("reason"));
        }

        var note = obj.GetString("message") ?? string.Empty;
        if (note.Length > 1024)
        {
            context.Add(FieldError.TooLong(viaEventsApi ? "note" : "message", 1024));
        }
    }
}

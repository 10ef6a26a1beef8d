using KubeApiEmulator.Api;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Validation;

/// <summary>Turns field errors into the 422 Invalid Status of the real server.</summary>
internal static class ValidationErrors
{
    /// <summary>Throws 422 Invalid when <paramref name="errors"/> is not empty.</summary>
    /// <exception cref="StatusException">The object is invalid.</exception>
    public static void ThrowIfAny(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        var (group, kind) = InternalKind.Of(type);
        throw InvalidStatus.Create(group, kind, name, errors);
    }
}

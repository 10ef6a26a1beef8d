using System.Text.Json.Nodes;

namespace KubeApiEmulator.Admission;

/// <summary>
/// The subset of CEL that matchConditions of admission webhooks use in practice: the variables <c>object</c>,
/// <c>oldObject</c> and <c>request</c>; field selection, <c>[key]</c> and <c>[index]</c>; string, int, bool and
/// null literals; <c>== != &lt; &lt;= &gt; &gt;= in ! &amp;&amp; || ?:</c>; <c>has(x.f)</c>, <c>size(x)</c>,
/// <c>s.startsWith(t)</c>, <c>s.endsWith(t)</c>, <c>s.contains(t)</c>; list literals. Selecting a missing key is an
/// error, as in CEL, and <c>&amp;&amp;</c>/<c>||</c> absorb an error when the other side decides. No macros
/// (all, exists, map, filter), no authorizer, no params.
/// </summary>
internal sealed class CelExpression
{
    private readonly Func<CelScope, object?> _evaluate;

    private CelExpression(Func<CelScope, object?> evaluate) => _evaluate = evaluate;

    /// <summary>Compiles <paramref name="text"/>.</summary>
    /// <exception cref="CelException">The expression is outside the subset or does not parse.</exception>
    public static CelExpression Parse(string text)
    {
        var parser = new CelParser(text);
        var evaluate = parser.ParseAll();
        return new CelExpression(evaluate);
    }

    /// <summary>Evaluates to a bool with the given variables.</summary>
    /// <exception cref="CelException">An evaluation error, or a result that is not a bool.</exception>
    public bool EvaluateBool(JsonNode? obj, JsonNode? oldObject, JsonNode? request)
    {
        var result = _evaluate(new CelScope(obj, oldObject, request));
        return result is bool b ? b : throw new CelException($"expression must evaluate to bool, got {CelValues.TypeName(result)}");
    }

    /// <summary>The values an expression sees.</summary>
    internal sealed record CelScope(JsonNode? Object, JsonNode? OldObject, JsonNode? Request);
}

using System.Text.Json.Nodes;
using KubeApiEmulator.Admission;

namespace KubeApiEmulator.Tests.Unit;

/// <summary>The CEL subset of matchConditions: selection, has(), in, logic with error absorption, string functions.</summary>
public sealed class CelSubsetTests
{
    private static readonly JsonNode Ingress = JsonNode.Parse("""
        {"metadata":{"name":"web","generation":3,"annotations":{"certfunctions.io/enabled":"true"},"labels":{"tier":"api"}},
         "spec":{"rules":[{"host":"a.example.com"},{"host":"b.example.com"}]}}
        """)!;

    [Theory]
    [InlineData("has(object.metadata.annotations) && 'certfunctions.io/enabled' in object.metadata.annotations", true)]
    [InlineData("has(object.metadata.finalizers)", false)]
    [InlineData("object.metadata.annotations['certfunctions.io/enabled'] == 'true'", true)]
    [InlineData("object.metadata.generation > 2 && object.metadata.generation <= 3", true)]
    [InlineData("size(object.spec.rules) == 2 && object.spec.rules[1].host.endsWith('.example.com')", true)]
    [InlineData("object.metadata.name in ['web', 'api'] && !(object.metadata.name.startsWith('x'))", true)]
    [InlineData("object.metadata.annotations['absent'] == 'x' || object.metadata.labels.tier == 'api'", true)]
    [InlineData("object.metadata.annotations['absent'] == 'x' && false", false)]
    [InlineData("oldObject == null ? request.operation == 'CREATE' : false", true)]
    [InlineData("object.metadata.name.contains(\"e\")", true)]
    public void Evaluates_the_subset(string expression, bool expected)
    {
        var request = JsonNode.Parse("""{"operation":"CREATE"}""");

        Assert.Equal(expected, CelExpression.Parse(expression).EvaluateBool(Ingress, null, request));
    }

    [Theory]
    [InlineData("object.metadata.annotations['absent'] == 'x'", "no such key: absent")]
    [InlineData("object.metadata.name", "expression must evaluate to bool, got string")]
    [InlineData("object.metadata.annotations['absent'] == 'x' && true", "no such key: absent")]
    public void Reports_evaluation_errors(string expression, string message)
    {
        var error = Assert.Throws<CelException>(() => CelExpression.Parse(expression).EvaluateBool(Ingress, null, null));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("object.metadata.name ==")]
    [InlineData("authorizer.group('')")]
    [InlineData("object.all(x, x)")]
    [InlineData("'unterminated")]
    public void Rejects_what_is_outside_the_subset(string expression) =>
        Assert.Throws<CelException>(() => CelExpression.Parse(expression));
}

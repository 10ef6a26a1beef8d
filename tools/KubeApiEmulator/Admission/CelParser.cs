using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Scope = KubeApiEmulator.Admission.CelExpression.CelScope;

namespace KubeApiEmulator.Admission;

/// <summary>A recursive-descent parser for the CEL subset of <see cref="CelExpression"/>, compiling to closures.</summary>
internal sealed class CelParser
{
    private readonly List<string> _tokens;
    private int _position;

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    public CelParser(string text) => _tokens = Tokenize(text);

    /// <summary>Parses the whole expression.</summary>
    public Func<Scope, object?> ParseAll()
    {
        if (_tokens.Count == 0)
        {
            throw new CelException("empty expression");
        }

        var expression = Conditional();
        if (_position < _tokens.Count)
        {
            throw new CelException($"unexpected '{_tokens[_position]}'");
        }

        return expression;
    }

    private Func<Scope, object?> Conditional()
    {
        var condition = Or();
        if (!Accept("?"))
        {
            return condition;
        }

        var whenTrue = Conditional();
        Expect(":");
        var whenFalse = Conditional();
        return scope => CelValues.Bool(condition(scope)) ? whenTrue(scope) : whenFalse(scope);
    }

    private Func<Scope, object?> Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var l = left;
            var right = And();
            left = scope => Logical(l, right, scope, shortCircuit: true);
        }

        return left;
    }

    private Func<Scope, object?> And()
    {
        var left = Relation();
        while (Accept("&&"))
        {
            var l = left;
            var right = Relation();
            left = scope => Logical(l, right, scope, shortCircuit: false);
        }

        return left;
    }

    /// <summary>CEL's commutative logic: the side that decides wins, even when the other one is an error.</summary>
    private static bool Logical(Func<Scope, object?> left, Func<Scope, object?> right, Scope scope, bool shortCircuit)
    {
        CelException? leftError = null;
        try
        {
            if (CelValues.Bool(left(scope)) == shortCircuit)
            {
                return shortCircuit;
            }
        }
        catch (CelException ex)
        {
            leftError = ex;
        }

        var rightValue = CelValues.Bool(right(scope));
        if (rightValue == shortCircuit)
        {
            return shortCircuit;
        }

        return leftError is null ? rightValue : throw leftError;
    }

    private Func<Scope, object?> Relation()
    {
        var left = Unary();
        var op = Peek();
        if (op is not ("==" or "!=" or "<" or "<=" or ">" or ">=" or "in"))
        {
            return left;
        }

        _position++;
        var right = Unary();
        return op switch
        {
            "==" => scope => CelValues.Equal(left(scope), right(scope)),
            "!=" => scope => !CelValues.Equal(left(scope), right(scope)),
            "<" => scope => CelValues.Compare(left(scope), right(scope)) < 0,
            "<=" => scope => CelValues.Compare(left(scope), right(scope)) <= 0,
            ">" => scope => CelValues.Compare(left(scope), right(scope)) > 0,
            ">=" => scope => CelValues.Compare(left(scope), right(scope)) >= 0,
            _ => scope => CelValues.In(left(scope), right(scope)),
        };
    }

    private Func<Scope, object?> Unary()
    {
        if (Accept("!"))
        {
            var operand = Unary();
            return scope => !CelValues.Bool(operand(scope));
        }

        if (Accept("-"))
        {
            var operand = Unary();
            return scope => operand(scope) switch
            {
                long l => -l,
                double d => -d,
                var other => throw new CelException($"no such overload: -{CelValues.TypeName(other)}"),
            };
        }

        return Member();
    }

    private Func<Scope, object?> Member()
    {
        var target = Primary();
        while (true)
        {
            if (Accept("."))
            {
                var name = Identifier();
                var t = target;
                if (Accept("("))
                {
                    var args = Arguments();
                    target = Method(t, name, args);
                }
                else
                {
                    target = scope => CelValues.Select(t(scope), name);
                }
            }
            else if (Accept("["))
            {
                var index = Conditional();
                Expect("]");
                var t = target;
                target = scope => CelValues.Select(t(scope), index(scope));
            }
            else
            {
                return target;
            }
        }
    }

    private static Func<Scope, object?> Method(Func<Scope, object?> target, string name, List<Func<Scope, object?>> args)
    {
        if (args.Count != 1 || name is not ("startsWith" or "endsWith" or "contains"))
        {
            throw new CelException($"undeclared reference to '{name}' (in container '')");
        }

        var arg = args[0];
        return scope => (target(scope), arg(scope)) switch
        {
            (string s, string t) => name switch
            {
                "startsWith" => s.StartsWith(t, StringComparison.Ordinal),
                "endsWith" => s.EndsWith(t, StringComparison.Ordinal),
                _ => s.Contains(t, StringComparison.Ordinal),
            },
            var (s, t) => throw new CelException($"no such overload: {CelValues.TypeName(s)}.{name}({CelValues.TypeName(t)})"),
        };
    }

    private Func<Scope, object?> Primary()
    {
        var token = Next();
        if (token == "(")
        {
            var inner = Conditional();
            Expect(")");
            return inner;
        }

        if (token == "[")
        {
            var items = new List<Func<Scope, object?>>();
            if (!Accept("]"))
            {
                do
                {
                    items.Add(Conditional());
                }
                while (Accept(","));
                Expect("]");
            }

            return scope => new JsonArray([.. items.Select(item => ToNode(item(scope)))]);
        }

        if (token.StartsWith('\'') || token.StartsWith('"'))
        {
            var text = token[1..];
            return _ => text;
        }

        if (char.IsAsciiDigit(token[0]))
        {
            var number = long.Parse(token, CultureInfo.InvariantCulture);
            return _ => number;
        }

        switch (token)
        {
            case "true":
                return _ => true;
            case "false":
                return _ => false;
            case "null":
                return _ => null;
            case "object":
                return scope => CelValues.FromNode(scope.Object);
            case "oldObject":
                return scope => CelValues.FromNode(scope.OldObject);
            case "request":
                return scope => CelValues.FromNode(scope.Request);
            case "has":
                return Has();
            case "size":
                {
                    Expect("(");
                    var args = Arguments();
                    if (args.Count != 1)
                    {
                        throw new CelException("size() takes one argument");
                    }

                    return scope => CelValues.Size(args[0](scope));
                }
        }

        throw new CelException($"undeclared reference to '{token}' (in container '')");
    }

    /// <summary>has(e.f): true when the map e has the key f; e itself must exist.</summary>
    private Func<Scope, object?> Has()
    {
        Expect("(");
        var start = _position;
        var target = Primary();
        var last = (string?)null;
        var before = target;
        while (Accept("."))
        {
            before = target;
            last = Identifier();
            var t = target;
            var n = last;
            target = scope => CelValues.Select(t(scope), n);
        }

        Expect(")");
        if (last is null || _position - start < 3)
        {
            throw new CelException("invalid argument to has() macro");
        }

        return scope => before(scope) switch
        {
            JsonObject map => map.ContainsKey(last),
            null => throw new CelException("no such overload: has(null_type)"),
            var other => throw new CelException($"invalid type for field selection: {CelValues.TypeName(other)}"),
        };
    }

    private List<Func<Scope, object?>> Arguments()
    {
        var args = new List<Func<Scope, object?>>();
        if (Accept(")"))
        {
            return args;
        }

        do
        {
            args.Add(Conditional());
        }
        while (Accept(","));
        Expect(")");
        return args;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => throw new CelException("unsupported list element"),
    };

    private string Identifier()
    {
        var token = Next();
        return char.IsAsciiLetter(token[0]) || token[0] == '_' ? token : throw new CelException($"expected a field name, got '{token}'");
    }

    private string? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw new CelException("unexpected end of expression");

    private bool Accept(string token)
    {
        if (Peek() == token)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new CelException($"expected '{token}', got '{Peek() ?? "end of expression"}'");
        }
    }

    /// <summary>Splits into tokens; a string literal becomes its quote character followed by its unescaped value.</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                if (i >= text.Length)
                {
                    throw new CelException("unterminated string literal");
                }

                i++;
                tokens.Add(c + value.ToString());
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||")
                {
                    tokens.Add(two);
                    i += 2;
                }
                else if ("()[].,!<>?:-".Contains(c, StringComparison.Ordinal))
                {
                    tokens.Add(c.ToString());
                    i++;
                }
                else
                {
                    throw new CelException($"Syntax error: token recognition error at: '{c}'");
                }
            }
        }

        return tokens;
    }
}

using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>
/// A set of field paths in the fieldsV1 shape of managedFields: a tree whose keys are path elements
/// (<c>f:name</c>, <c>k:{"key":value}</c>, <c>v:value</c>) and whose nodes are members when the field itself is owned.
/// </summary>
internal sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    /// <summary>True when the field at this node is in the set (not only fields below it).</summary>
    public bool Member { get; set; }

    /// <summary>The path elements below this node.</summary>
    public IReadOnlyDictionary<string, FieldSet> Children => _children;

    /// <summary>True when neither this node nor anything below it is in the set.</summary>
    public bool IsEmpty => !Member && _children.Values.All(c => c.IsEmpty);

    /// <summary>The node for <paramref name="element"/>, added when missing.</summary>
    public FieldSet Child(string element)
    {
        if (!_children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            _children[element] = child;
        }

        return child;
    }

    /// <summary>Reads a fieldsV1 object (<c>{}</c> is a member leaf, <c>"."</c> marks a member with children).</summary>
    public static FieldSet FromFieldsV1(JsonNode? node)
    {
        var set = new FieldSet();
        if (node is not JsonObject obj)
        {
            return set;
        }

        if (obj.Count == 0)
        {
            set.Member = true;
            return set;
        }

        foreach (var (key, value) in obj)
        {
            if (key == ".")
            {
                set.Member = true;
            }
            else
            {
                set._children[key] = FromFieldsV1(value);
            }
        }

        return set;
    }

    /// <summary>The set as a fieldsV1 object.</summary>
    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        var children = _children.Where(c => !c.Value.IsEmpty).ToList();
        if (Member && children.Count > 0)
        {
            obj["."] = new JsonObject();
        }

        foreach (var (key, child) in children)
        {
            obj[key] = child.ToFieldsV1();
        }

        return obj;
    }

    /// <summary>A copy of this set.</summary>
    public FieldSet Clone()
    {
        var copy = new FieldSet { Member = Member };
        foreach (var (key, child) in _children)
        {
            copy._children[key] = child.Clone();
        }

        return copy;
    }

    /// <summary>Every member of both sets.</summary>
    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        result.AddAll(other);
        return result;
    }

    /// <summary>The members of this set that are not members of <paramref name="other"/>.</summary>
    public FieldSet Except(FieldSet other)
    {
        var result = new FieldSet { Member = Member && !other.Member };
        foreach (var (key, child) in _children)
        {
            var remaining = other._children.TryGetValue(key, out var theirs) ? child.Except(theirs) : child.Clone();
            if (!remaining.IsEmpty)
            {
                result._children[key] = remaining;
            }
        }

        return result;
    }

    /// <summary>The members of this set that are not members of <paramref name="other"/> nor below one of its members.</summary>
    public FieldSet ExceptSubtrees(FieldSet other)
    {
        if (other.Member)
        {
            return new FieldSet();
        }

        var result = new FieldSet { Member = Member };
        foreach (var (key, child) in _children)
        {
            var remaining = other._children.TryGetValue(key, out var theirs) ? child.ExceptSubtrees(theirs) : child.Clone();
            if (!remaining.IsEmpty)
            {
                result._children[key] = remaining;
            }
        }

        return result;
    }

    /// <summary>The members at and below the top-level element <paramref name="element"/>.</summary>
    public FieldSet OnlyUnder(string element)
    {
        var result = new FieldSet();
        if (_children.TryGetValue(element, out var child))
        {
            result._children[element] = child.Clone();
        }

        return result;
    }

    /// <summary>The members of both sets.</summary>
    public FieldSet Intersect(FieldSet other)
    {
        var result = new FieldSet { Member = Member && other.Member };
        foreach (var (key, child) in _children)
        {
            if (other._children.TryGetValue(key, out var theirs))
            {
                var both = child.Intersect(theirs);
                if (!both.IsEmpty)
                {
                    result._children[key] = both;
                }
            }
        }

        return result;
    }

    /// <summary>True when the node at <paramref name="path"/> or anything below it is a member.</summary>
    public bool ContainsAnyAt(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out node))
            {
                return false;
            }
        }

        return !node.IsEmpty;
    }

    /// <summary>The path of every member, parents before their children.</summary>
    public IEnumerable<IReadOnlyList<string>> MemberPaths() => MemberPaths([]);

    /// <summary>Structural equality of two sets.</summary>
    public bool SetEquals(FieldSet other) => Except(other).IsEmpty && other.Except(this).IsEmpty;

    private IEnumerable<IReadOnlyList<string>> MemberPaths(List<string> prefix)
    {
        if (Member)
        {
            yield return prefix.ToArray();
        }

        foreach (var (key, child) in _children)
        {
            prefix.Add(key);
            foreach (var path in child.MemberPaths(prefix))
            {
                yield return path;
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private void AddAll(FieldSet other)
    {
        Member |= other.Member;
        foreach (var (key, child) in other._children)
        {
            Child(key).AddAll(child);
        }
    }
}

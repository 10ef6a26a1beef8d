namespace KubeApiEmulator.Protobuf;

/// <summary>Reads the protobuf wire format: tags, varints and length-delimited fields.</summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>True while bytes remain.</summary>
    public readonly bool HasMore => _position < _data.Length;

    /// <summary>Reads a field tag: (field number, wire type).</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    /// <summary>Reads a varint.</summary>
    /// <exception cref="FormatException">The data ends inside the varint.</exception>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("protobuf: truncated varint");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("protobuf: varint too long");
    }

    /// <summary>Reads a length-delimited field.</summary>
    /// <exception cref="FormatException">The length runs past the data.</exception>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = (int)ReadVarint();
        if (length < 0 || _position + length > _data.Length)
        {
            throw new FormatException("protobuf: truncated field");
        }

        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    /// <summary>Skips a field of <paramref name="wireType"/>.</summary>
    /// <exception cref="FormatException">The wire type is not supported.</exception>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                _position += 8;
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                _position += 4;
                break;
            default:
                throw new FormatException($"protobuf: unsupported wire type {wireType}");
        }
    }
}

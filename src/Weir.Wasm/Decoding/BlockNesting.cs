using Weir.Wasm.Instructions;

namespace Weir.Wasm.Decoding;

/// <summary>
/// Follows how the binary grammar nests <c>block</c>, <c>loop</c>, <c>if</c>, <c>else</c> and
/// <c>end</c>, without recursion, so a misplaced <c>else</c> is reported as malformed and the
/// <c>end</c> closing the whole expression is recognised.
/// </summary>
internal struct BlockNesting
{
    private const byte PlainBlock = 0;
    private const byte ThenBranch = 1;
    private const byte ElseBranch = 2;

    // Most expressions nest shallowly or not at all: the stack is only allocated when needed.
    private byte[]? _kinds;
    private int _depth;

    /// <summary>The number of blocks open inside the outermost expression.</summary>
    public readonly int Depth => _depth;

    /// <summary>Tracks the instruction; returns true when it is the <c>end</c> of the whole expression.</summary>
    public bool Track(in Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Block:
            case Opcode.Loop:
                Push(PlainBlock);
                return false;
            case Opcode.If:
                Push(ThenBranch);
                return false;
            case Opcode.Else:
                if (_depth == 0 || _kinds![_depth - 1] != ThenBranch)
                {
                    throw new WasmMalformedException("END opcode expected", instruction.Offset);
                }

                _kinds[_depth - 1] = ElseBranch;
                return false;
            case Opcode.End:
                if (_depth == 0)
                {
                    return true;
                }

                _depth--;
                return false;
            default:
                return false;
        }
    }

    private void Push(byte kind)
    {
        _kinds ??= new byte[8];
        if (_depth == _kinds.Length)
        {
            Array.Resize(ref _kinds, _kinds.Length * 2);
        }

        _kinds[_depth++] = kind;
    }
}

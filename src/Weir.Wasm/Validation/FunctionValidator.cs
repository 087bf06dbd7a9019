using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Weir.Wasm.Decoding;
using Weir.Wasm.Instructions;
using Weir.Wasm.Model;

namespace Weir.Wasm.Validation;

/// <summary>
/// Decodes and type-checks function bodies with the algorithm of the spec's validation appendix:
/// an operand stack of value types (with "unknown" for values produced after an unconditional
/// branch) and a control stack of open blocks, both explicit arrays so nesting depth never
/// recurses. One instance is reused for every function of a module; nothing is allocated per
/// instruction.
/// </summary>
internal sealed class FunctionValidator
{
    /// <summary>The type of a value popped from the polymorphic stack after an unconditional branch.</summary>
    private const ValueKind Unknown = 0;

    private static readonly ImmutableArray<ValueKind>[] SingleResults = BuildSingleResults();

    private readonly ValidationContext _context;
    private ValueKind[] _operands = new ValueKind[128];
    private int _operandCount;
    private ControlFrame[] _frames = new ControlFrame[16];
    private int _frameCount;

    // The innermost frame's stack height and polymorphic flag, copied out of the frame array
    // because every pop needs them.
    private int _height;
    private bool _unreachable;
    private ValueKind[] _scratch = new ValueKind[16];
    private ImmutableArray<ValueKind> _parameters;
    private ImmutableArray<ValueKind> _locals;
    private int _functionIndex;
    private int _offset;

    public FunctionValidator(ValidationContext context)
    {
        _context = context;
    }

    /// <summary>Validates one body.</summary>
    /// <param name="functionIndex">The function's index in the function index space, for error reports.</param>
    /// <param name="type">The function's signature.</param>
    /// <param name="body">Where its locals and instructions are.</param>
    public void Validate(int functionIndex, FunctionType type, FunctionBody body)
    {
        var binary = _context.Module.Binary.Span;
        if (body.CodeOffset < 0 || body.CodeLength < 0 || body.CodeOffset > binary.Length - body.CodeLength)
        {
            throw new WasmMalformedException("section size mismatch", Math.Clamp(body.CodeOffset, 0, binary.Length));
        }

        _functionIndex = functionIndex;
        _parameters = type.Parameters;
        _locals = body.Locals;
        _operandCount = 0;
        _frameCount = 0;
        PushFrame(Opcode.Block, [], type.Results);

        // Like the reference decoder, instructions are read until the function's final end even
        // past the declared body size; the size is then checked, as the binary format requires.
        var reader = new InstructionReader(binary[body.CodeOffset..], body.CodeOffset);
        var bodyEnd = body.CodeOffset + body.CodeLength;
        var instruction = default(Instruction);
        while (true)
        {
            reader.Read(ref instruction);
            _offset = instruction.Offset;
            ref readonly var signature = ref OperatorSignatures.Of(instruction.Opcode);
            switch (signature.Form)
            {
                case OperatorForm.Plain:
                    Apply(signature);
                    break;
                case OperatorForm.Memory:
                    RequireMemory();
                    Apply(signature);
                    break;
                case OperatorForm.MemoryAccess:
                    RequireMemory();
                    RequireAlignment(instruction, signature);
                    Apply(signature);
                    break;
                case OperatorForm.MemoryLaneAccess:
                    RequireMemory();
                    RequireAlignment(instruction, signature);
                    RequireLane(instruction, signature.LaneCount);
                    Apply(signature);
                    break;
                case OperatorForm.LaneAccess:
                    RequireLane(instruction, signature.LaneCount);
                    Apply(signature);
                    break;
                default:
                    if (ValidateSpecial(ref instruction))
                    {
                        if (reader.Offset != bodyEnd)
                        {
                            throw new WasmMalformedException("section size mismatch", body.CodeOffset);
                        }

                        return;
                    }

                    break;
            }
        }
    }

    /// <summary>Checks an instruction the signature table does not cover; true at the function's final <c>end</c>.</summary>
    private bool ValidateSpecial(ref Instruction instruction)
    {
        switch (instruction.Opcode)
        {
            case Opcode.Unreachable:
                MarkUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block:
            case Opcode.Loop:
            {
                ResolveBlockType(instruction.BlockType, out var parameters, out var results);
                PopSequence(parameters);
                PushFrame(instruction.Opcode, parameters, results);
                PushSequence(parameters);
                break;
            }

            case Opcode.If:
            {
                ResolveBlockType(instruction.BlockType, out var parameters, out var results);
                PopExpected(ValueKind.I32);
                PopSequence(parameters);
                PushFrame(Opcode.If, parameters, results);
                PushSequence(parameters);
                break;
            }

            case Opcode.Else:
            {
                if (_frames[_frameCount - 1].Opcode != Opcode.If)
                {
                    throw new WasmMalformedException("END opcode expected", _offset);
                }

                var frame = PopFrame();
                PushFrame(Opcode.Else, frame.Parameters, frame.Results);
                PushSequence(frame.Parameters);
                break;
            }

            case Opcode.End:
            {
                var frame = PopFrame();
                if (frame.Opcode == Opcode.If && !frame.Parameters.AsSpan().SequenceEqual(frame.Results.AsSpan()))
                {
                    // Without an else, the missing branch must turn the parameters into the results.
                    throw Invalid($"type mismatch: if without else must have matching parameters and results, {Describe(frame.Parameters)} and {Describe(frame.Results)}");
                }

                if (_frameCount == 0)
                {
                    return true;
                }

                PushSequence(frame.Results);
                break;
            }

            case Opcode.Br:
                PopSequence(LabelTypes(Label(instruction.Index)));
                MarkUnreachable();
                break;
            case Opcode.BrIf:
            {
                var types = LabelTypes(Label(instruction.Index));
                PopExpected(ValueKind.I32);
                PopSequence(types);
                PushSequence(types);
                break;
            }

            case Opcode.BrTable:
                ValidateBranchTable(instruction.Targets!);
                break;
            case Opcode.Return:
                PopSequence(_frames[0].Results);
                MarkUnreachable();
                break;
            case Opcode.Call:
            {
                var callee = Function(instruction.Index);
                PopSequence(callee.Parameters);
                PushSequence(callee.Results);
                break;
            }

            case Opcode.CallIndirect:
            {
                var table = Table(instruction.SecondIndex);
                var callee = Type(instruction.Index);
                if (table.ElementKind != ValueKind.FuncRef)
                {
                    throw Invalid($"type mismatch: call_indirect needs a table of funcref, table {instruction.SecondIndex} holds {ValueKinds.ToText(table.ElementKind)}");
                }

                PopExpected(ValueKind.I32);
                PopSequence(callee.Parameters);
                PushSequence(callee.Results);
                break;
            }

            case Opcode.Drop:
                PopAny();
                break;
            case Opcode.Select:
            {
                PopExpected(ValueKind.I32);
                var first = PopAny();
                var second = PopAny();
                if (ValueKinds.IsReference(first) || ValueKinds.IsReference(second))
                {
                    throw Invalid("type mismatch: select without a type needs numeric or vector operands");
                }

                if (first != second && first != Unknown && second != Unknown)
                {
                    throw Invalid($"type mismatch: select operands are {ValueKinds.ToText(second)} and {ValueKinds.ToText(first)}");
                }

                Push(first == Unknown ? second : first);
                break;
            }

            case Opcode.SelectTyped:
            {
                if (instruction.SelectTypeCount != 1)
                {
                    throw Invalid("invalid result arity");
                }

                PopExpected(ValueKind.I32);
                PopExpected(instruction.Kind);
                PopExpected(instruction.Kind);
                Push(instruction.Kind);
                break;
            }

            case Opcode.LocalGet:
                Push(Local(instruction.Index));
                break;
            case Opcode.LocalSet:
                PopExpected(Local(instruction.Index));
                break;
            case Opcode.LocalTee:
            {
                var kind = Local(instruction.Index);
                PopExpected(kind);
                Push(kind);
                break;
            }

            case Opcode.GlobalGet:
                Push(Global(instruction.Index).Kind);
                break;
            case Opcode.GlobalSet:
            {
                var global = Global(instruction.Index);
                if (!global.Mutable)
                {
                    throw Invalid("global is immutable");
                }

                PopExpected(global.Kind);
                break;
            }

            case Opcode.TableGet:
            {
                var kind = Table(instruction.Index).ElementKind;
                PopExpected(ValueKind.I32);
                Push(kind);
                break;
            }

            case Opcode.TableSet:
            {
                var kind = Table(instruction.Index).ElementKind;
                PopExpected(kind);
                PopExpected(ValueKind.I32);
                break;
            }

            case Opcode.TableSize:
                Table(instruction.Index);
                Push(ValueKind.I32);
                break;
            case Opcode.TableGrow:
            {
                var kind = Table(instruction.Index).ElementKind;
                PopExpected(ValueKind.I32);
                PopExpected(kind);
                Push(ValueKind.I32);
                break;
            }

            case Opcode.TableFill:
            {
                var kind = Table(instruction.Index).ElementKind;
                PopExpected(ValueKind.I32);
                PopExpected(kind);
                PopExpected(ValueKind.I32);
                break;
            }

            case Opcode.TableCopy:
            {
                var destination = Table(instruction.Index).ElementKind;
                var source = Table(instruction.SecondIndex).ElementKind;
                if (destination != source)
                {
                    throw Invalid($"type mismatch: table.copy from {ValueKinds.ToText(source)} to {ValueKinds.ToText(destination)}");
                }

                PopThreeI32();
                break;
            }

            case Opcode.TableInit:
            {
                var tableKind = Table(instruction.SecondIndex).ElementKind;
                var elementKind = ElementSegment(instruction.Index);
                if (tableKind != elementKind)
                {
                    throw Invalid($"type mismatch: table.init of {ValueKinds.ToText(elementKind)} elements into a table of {ValueKinds.ToText(tableKind)}");
                }

                PopThreeI32();
                break;
            }

            case Opcode.ElemDrop:
                ElementSegment(instruction.Index);
                break;
            case Opcode.MemoryInit:
                RequireMemory();
                DataSegment(instruction.Index);
                RequireDataCount();
                PopThreeI32();
                break;
            case Opcode.DataDrop:
                DataSegment(instruction.Index);
                RequireDataCount();
                break;
            case Opcode.RefNull:
                Push(instruction.Kind);
                break;
            case Opcode.RefIsNull:
            {
                var kind = PopAny();
                if (kind != Unknown && !ValueKinds.IsReference(kind))
                {
                    throw Invalid($"type mismatch: ref.is_null needs a reference, found {ValueKinds.ToText(kind)}");
                }

                Push(ValueKind.I32);
                break;
            }

            case Opcode.RefFunc:
                Function(instruction.Index);
                if (!_context.DeclaredFunctionReferences[instruction.Index])
                {
                    throw Invalid("undeclared function reference");
                }

                Push(ValueKind.FuncRef);
                break;
            case Opcode.I8x16Shuffle:
                for (var lane = 0; lane < 16; lane++)
                {
                    if (instruction.Vector.GetElement(lane) >= 32)
                    {
                        throw Invalid("invalid lane index");
                    }
                }

                PopExpected(ValueKind.V128);
                PopExpected(ValueKind.V128);
                Push(ValueKind.V128);
                break;
            default:
                throw new InvalidOperationException($"The validator has no rule for {instruction.Opcode}.");
        }

        return false;
    }

    private void ValidateBranchTable(uint[] targets)
    {
        var defaultTypes = LabelTypes(Label(targets[^1]));
        PopExpected(ValueKind.I32);
        var arity = defaultTypes.Length;
        for (var i = 0; i < targets.Length - 1; i++)
        {
            var types = LabelTypes(Label(targets[i]));
            if (types.Length != arity)
            {
                throw Invalid($"type mismatch: br_table targets have different arities ({types.Length} and {arity})");
            }

            // The operands must suit every target; they stay on the stack for the next one, with
            // "unknown" types kept unknown as the spec's algorithm does.
            if (_scratch.Length < arity)
            {
                _scratch = new ValueKind[Math.Max(arity, _scratch.Length * 2)];
            }

            for (var j = arity - 1; j >= 0; j--)
            {
                _scratch[j] = PopExpected(types[j]);
            }

            for (var j = 0; j < arity; j++)
            {
                Push(_scratch[j]);
            }
        }

        PopSequence(defaultTypes);
        MarkUnreachable();
    }

    private void ResolveBlockType(BlockType blockType, out ImmutableArray<ValueKind> parameters, out ImmutableArray<ValueKind> results)
    {
        if (blockType.TypeIndex >= 0)
        {
            var type = Type((uint)blockType.TypeIndex);
            parameters = type.Parameters;
            results = type.Results;
        }
        else
        {
            parameters = [];
            results = blockType.Result is { } result ? SingleResults[(byte)result] : [];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply(in OperatorSignature signature)
    {
        switch (signature.ParameterCount)
        {
            case 3:
                PopExpected(signature.Third);
                PopExpected(signature.Second);
                PopExpected(signature.First);
                break;
            case 2:
                PopExpected(signature.Second);
                PopExpected(signature.First);
                break;
            case 1:
                PopExpected(signature.First);
                break;
        }

        if (signature.Result != OperatorSignatures.NoResult)
        {
            Push(signature.Result);
        }
    }

    private void PopThreeI32()
    {
        PopExpected(ValueKind.I32);
        PopExpected(ValueKind.I32);
        PopExpected(ValueKind.I32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(ValueKind kind)
    {
        if (_operandCount == _operands.Length)
        {
            Array.Resize(ref _operands, _operands.Length * 2);
        }

        _operands[_operandCount++] = kind;
    }

    private void PushSequence(ImmutableArray<ValueKind> kinds)
    {
        foreach (var kind in kinds)
        {
            Push(kind);
        }
    }

    /// <summary>Pops an operand of any type (unknown when the stack is polymorphic).</summary>
    private ValueKind PopAny()
    {
        if (_operandCount > _height)
        {
            return _operands[--_operandCount];
        }

        if (_unreachable)
        {
            return Unknown;
        }

        throw Invalid("type mismatch: the operand stack is empty");
    }

    /// <summary>Pops an operand that must have the expected type; returns what was popped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueKind PopExpected(ValueKind expected)
    {
        if (_operandCount > _height)
        {
            var actual = _operands[--_operandCount];
            if (actual != expected && actual != Unknown && expected != Unknown)
            {
                throw Mismatch(expected, actual);
            }

            return actual;
        }

        if (_unreachable)
        {
            return Unknown;
        }

        throw Mismatch(expected, null);
    }

    private WasmValidationException Mismatch(ValueKind expected, ValueKind? actual) =>
        Invalid(actual is { } found
            ? $"type mismatch: expected {ValueKinds.ToText(expected)}, found {ValueKinds.ToText(found)}"
            : $"type mismatch: expected {ValueKinds.ToText(expected)}, but the operand stack is empty");

    private void PopSequence(ImmutableArray<ValueKind> kinds)
    {
        for (var i = kinds.Length - 1; i >= 0; i--)
        {
            PopExpected(kinds[i]);
        }
    }

    private void PushFrame(Opcode opcode, ImmutableArray<ValueKind> parameters, ImmutableArray<ValueKind> results)
    {
        if (_frameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_frameCount++] = new ControlFrame(opcode, parameters, results, _operandCount);
        _height = _operandCount;
        _unreachable = false;
    }

    private ControlFrame PopFrame()
    {
        var frame = _frames[_frameCount - 1];
        PopSequence(frame.Results);
        if (_operandCount != frame.Height)
        {
            throw Invalid($"type mismatch: {_operandCount - frame.Height} value(s) left on the stack at the end of the block");
        }

        _frameCount--;
        if (_frameCount > 0)
        {
            ref var outer = ref _frames[_frameCount - 1];
            _height = outer.Height;
            _unreachable = outer.Unreachable;
        }

        return frame;
    }

    private void MarkUnreachable()
    {
        _frames[_frameCount - 1].Unreachable = true;
        _operandCount = _height;
        _unreachable = true;
    }

    private ref ControlFrame Label(uint depth)
    {
        if (depth >= (uint)_frameCount)
        {
            throw Invalid($"unknown label {depth}");
        }

        return ref _frames[_frameCount - 1 - (int)depth];
    }

    private static ImmutableArray<ValueKind> LabelTypes(in ControlFrame frame) =>
        frame.Opcode == Opcode.Loop ? frame.Parameters : frame.Results;

    private ValueKind Local(uint index)
    {
        if (index < (uint)_parameters.Length)
        {
            return _parameters[(int)index];
        }

        var declared = index - (uint)_parameters.Length;
        if (declared < (uint)_locals.Length)
        {
            return _locals[(int)declared];
        }

        throw Invalid($"unknown local {index}");
    }

    private GlobalType Global(uint index) =>
        index < (uint)_context.Globals.Length ? _context.Globals[index] : throw Invalid($"unknown global {index}");

    private FunctionType Function(uint index) =>
        index < (uint)_context.Functions.Length ? _context.Functions[index] : throw Invalid($"unknown function {index}");

    private TableType Table(uint index) =>
        index < (uint)_context.Tables.Length ? _context.Tables[index] : throw Invalid($"unknown table {index}");

    private FunctionType Type(uint index) =>
        index < (uint)_context.Module.Types.Length ? _context.Module.Types[(int)index] : throw Invalid($"unknown type {index}");

    private ValueKind ElementSegment(uint index) =>
        index < (uint)_context.Module.Elements.Length ? _context.Module.Elements[(int)index].ElementKind : throw Invalid($"unknown elem segment {index}");

    private void DataSegment(uint index)
    {
        if (index >= (uint)_context.Module.Data.Length)
        {
            throw Invalid($"unknown data segment {index}");
        }
    }

    private void RequireMemory()
    {
        if (_context.MemoryCount == 0)
        {
            throw Invalid("unknown memory 0");
        }
    }

    /// <summary>
    /// The binary format only allows memory.init and data.drop after a data count section. The
    /// index checks come first: wast2json leaves the section out of modules without data segments,
    /// and the spec tests then expect the invalid index to be reported.
    /// </summary>
    private void RequireDataCount()
    {
        if (_context.Module.DataCount is null)
        {
            throw new WasmMalformedException(CodeStructureScanner.DataCountRequired, _offset);
        }
    }

    private void RequireAlignment(in Instruction instruction, in OperatorSignature signature)
    {
        if (instruction.AlignmentExponent > signature.NaturalAlignment)
        {
            throw Invalid("alignment must not be larger than natural");
        }
    }

    private void RequireLane(in Instruction instruction, byte laneCount)
    {
        if ((ulong)instruction.Constant >= laneCount)
        {
            throw Invalid("invalid lane index");
        }
    }

    private WasmValidationException Invalid(string reason) => new(reason, _offset, _functionIndex);

    private static string Describe(ImmutableArray<ValueKind> kinds)
    {
        var names = new string[kinds.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = ValueKinds.ToText(kinds[i]);
        }

        return $"[{string.Join(' ', names)}]";
    }

    private static ImmutableArray<ValueKind>[] BuildSingleResults()
    {
        var results = new ImmutableArray<ValueKind>[256];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = [(ValueKind)i];
        }

        return results;
    }

    /// <summary>An open block: its kind, its type and the operand stack height where it began.</summary>
    private struct ControlFrame(Opcode opcode, ImmutableArray<ValueKind> parameters, ImmutableArray<ValueKind> results, int height)
    {
        public readonly Opcode Opcode = opcode;
        public readonly ImmutableArray<ValueKind> Parameters = parameters;
        public readonly ImmutableArray<ValueKind> Results = results;
        public readonly int Height = height;
        public bool Unreachable;
    }
}

using System.Reflection;
using System.Runtime.Intrinsics;
using Weir.Wasm.Instructions;
using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics.SpecSuite;

/// <summary>
/// Runs straight-line function bodies (locals, constants, drop and instructions that have a
/// helper) by calling the helpers through reflection, exactly as compiled code would call them.
/// Bodies with anything else, control flow included, are reported as not runnable.
/// </summary>
internal sealed class HelperInterpreter
{
    private static readonly Dictionary<Opcode, MethodInfo> Helpers = typeof(ScalarOps)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Concat(typeof(SimdOps).GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(method => Enum.TryParse<Opcode>(method.Name, out _))
        .ToDictionary(method => Enum.Parse<Opcode>(method.Name));

    private readonly Dictionary<FunctionCode, Instruction[]?> _decoded = [];
    private readonly byte[] _memory;
    private readonly object?[] _globals;

    public HelperInterpreter(BinaryModule module)
    {
        _globals = module.Globals.ToArray();
        _memory = module.MemoryPages > 0 ? new byte[module.MemoryPages * 65536] : [];
        StateIsKnown = module.MemoryIsKnown;
        foreach (var (offset, bytes) in module.ActiveData)
        {
            // A segment that does not fit makes instantiation fail; nothing here should run then.
            if ((ulong)offset + (ulong)bytes.Length > (ulong)_memory.Length)
            {
                StateIsKnown = false;
                break;
            }

            bytes.CopyTo(_memory, offset);
        }
    }

    /// <summary>Becomes false once a function that could not be run may have changed memory or globals.</summary>
    public bool StateIsKnown { get; private set; }

    /// <summary>Another module shares this one's memory or globals (after "register"), so their contents are unknown.</summary>
    public void ForgetState() => StateIsKnown = false;

    /// <summary>Whether the function can be run here; one that cannot poisons memory and globals for later calls.</summary>
    public bool CanRun(FunctionCode function)
    {
        var instructions = Decode(function);
        if (instructions is null || !function.Locals.All(kind => kind is ValueKind.I32 or ValueKind.I64 or ValueKind.F32 or ValueKind.F64 or ValueKind.V128))
        {
            StateIsKnown = false;
            return false;
        }

        var usesUnknownGlobal = instructions.Any(instruction =>
            instruction.Opcode is Opcode.GlobalGet or Opcode.GlobalSet && _globals[instruction.Index] is null);
        if (usesUnknownGlobal)
        {
            StateIsKnown = false;
            return false;
        }

        return StateIsKnown || !instructions.Any(instruction =>
            InstructionReader.IsMemoryAccess(instruction.Opcode) || instruction.Opcode is Opcode.GlobalGet or Opcode.GlobalSet);
    }

    /// <summary>Runs a function that <see cref="CanRun"/> accepted; traps surface as <see cref="WasmTrapException"/>.</summary>
    public IReadOnlyList<object> Run(FunctionCode function, IReadOnlyList<object> arguments)
    {
        var instructions = Decode(function) ?? throw new InvalidOperationException("The function is not straight-line code.");
        var locals = new object[function.Locals.Length];
        for (var i = 0; i < locals.Length; i++)
        {
            locals[i] = i < arguments.Count ? arguments[i] : DefaultOf(function.Locals[i]);
        }

        var stack = new List<object>();
        foreach (var instruction in instructions)
        {
            switch (instruction.Opcode)
            {
                case Opcode.Nop:
                case Opcode.End:
                    break;
                case Opcode.Drop:
                    Pop(stack);
                    break;
                case Opcode.LocalGet:
                    stack.Add(locals[instruction.Index]);
                    break;
                case Opcode.LocalSet:
                    locals[instruction.Index] = Pop(stack);
                    break;
                case Opcode.LocalTee:
                    locals[instruction.Index] = stack[^1];
                    break;
                case Opcode.GlobalGet:
                    stack.Add(_globals[instruction.Index]!);
                    break;
                case Opcode.GlobalSet:
                    _globals[instruction.Index] = Pop(stack);
                    break;
                case Opcode.I32Const:
                    stack.Add((int)instruction.Constant);
                    break;
                case Opcode.I64Const:
                    stack.Add(instruction.Constant);
                    break;
                case Opcode.F32Const:
                    stack.Add(BitConverter.Int32BitsToSingle((int)instruction.Constant));
                    break;
                case Opcode.F64Const:
                    stack.Add(BitConverter.Int64BitsToDouble(instruction.Constant));
                    break;
                case Opcode.V128Const:
                    stack.Add(instruction.Vector);
                    break;
                case >= Opcode.I32Load and <= Opcode.I64Store32:
                    AccessScalar(instruction, stack);
                    break;
                default:
                    CallHelper(instruction, stack);
                    break;
            }
        }

        return stack;
    }

    private void CallHelper(in Instruction instruction, List<object> stack)
    {
        var helper = Helpers[instruction.Opcode];
        var parameters = helper.GetParameters();
        var isMemoryAccess = InstructionReader.IsMemoryAccess(instruction.Opcode);
        var hasImmediate = instruction.Opcode == Opcode.I8x16Shuffle
            || InstructionReader.IsLaneAccess(instruction.Opcode)
            || InstructionReader.IsLaneMemoryAccess(instruction.Opcode);
        var operandCount = parameters.Length - (hasImmediate ? 1 : 0);
        var arguments = new object?[parameters.Length];
        for (var i = operandCount - 1; i >= 0; i--)
        {
            arguments[i] = Pop(stack);
        }

        if (hasImmediate)
        {
            arguments[^1] = instruction.Opcode == Opcode.I8x16Shuffle ? instruction.Vector : (int)instruction.Constant;
        }

        object? result;
        if (isMemoryAccess)
        {
            result = CallMemoryHelper(helper, instruction, arguments);
        }
        else
        {
            result = helper.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        }

        if (helper.ReturnType != typeof(void))
        {
            stack.Add(result!);
        }
    }

    private unsafe object? CallMemoryHelper(MethodInfo helper, in Instruction instruction, object?[] arguments)
    {
        // The compiler's job, done here the same way: effective address = operand + offset, and
        // the whole access must lie inside memory.
        var effective = (ulong)(uint)(int)arguments[0]! + instruction.MemoryOffset;
        if (effective + (ulong)AccessSize(instruction.Opcode) > (ulong)_memory.Length)
        {
            throw new WasmTrapException(TrapCode.MemoryOutOfBounds);
        }

        fixed (byte* memory = _memory)
        {
            arguments[0] = Pointer.Box(memory + effective, typeof(byte*));
            return helper.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        }
    }

    /// <summary>
    /// Scalar loads and stores have no helpers (the compiler emits them directly) but the spec
    /// scripts use them to observe what vector stores wrote, so they are interpreted here.
    /// </summary>
    private void AccessScalar(in Instruction instruction, List<object> stack)
    {
        var opcode = instruction.Opcode;
        var isStore = opcode >= Opcode.I32Store;
        var value = isStore ? Pop(stack) : null;
        var size = opcode switch
        {
            Opcode.I32Load8S or Opcode.I32Load8U or Opcode.I64Load8S or Opcode.I64Load8U or Opcode.I32Store8 or Opcode.I64Store8 => 1,
            Opcode.I32Load16S or Opcode.I32Load16U or Opcode.I64Load16S or Opcode.I64Load16U or Opcode.I32Store16 or Opcode.I64Store16 => 2,
            Opcode.I64Load or Opcode.F64Load or Opcode.I64Store or Opcode.F64Store => 8,
            _ => 4,
        };
        var effective = (ulong)(uint)(int)Pop(stack) + instruction.MemoryOffset;
        if (effective + (ulong)size > (ulong)_memory.Length)
        {
            throw new WasmTrapException(TrapCode.MemoryOutOfBounds);
        }

        var bytes = _memory.AsSpan((int)effective, size);
        if (isStore)
        {
            var bits = value switch
            {
                int i => (ulong)(uint)i,
                long l => (ulong)l,
                float f => (uint)BitConverter.SingleToInt32Bits(f),
                double d => (ulong)BitConverter.DoubleToInt64Bits(d),
                _ => throw new InvalidOperationException($"Cannot store {value}."),
            };
            for (var i = 0; i < size; i++)
            {
                bytes[i] = (byte)(bits >> (8 * i));
            }

            return;
        }

        ulong loaded = 0;
        for (var i = 0; i < size; i++)
        {
            loaded |= (ulong)bytes[i] << (8 * i);
        }

        stack.Add(opcode switch
        {
            Opcode.I32Load or Opcode.I32Load8U or Opcode.I32Load16U => (int)(uint)loaded,
            Opcode.I32Load8S => (int)(sbyte)loaded,
            Opcode.I32Load16S => (int)(short)loaded,
            Opcode.I64Load8S => (long)(sbyte)loaded,
            Opcode.I64Load16S => (long)(short)loaded,
            Opcode.I64Load32S => (long)(int)loaded,
            Opcode.F32Load => BitConverter.Int32BitsToSingle((int)loaded),
            Opcode.F64Load => BitConverter.Int64BitsToDouble((long)loaded),
            _ => (object)(long)loaded,
        });
    }

    private static int AccessSize(Opcode opcode) => opcode switch
    {
        Opcode.V128Load or Opcode.V128Store => 16,
        Opcode.V128Load8Splat or Opcode.V128Load8Lane or Opcode.V128Store8Lane => 1,
        Opcode.V128Load16Splat or Opcode.V128Load16Lane or Opcode.V128Store16Lane => 2,
        Opcode.V128Load32Splat or Opcode.V128Load32Zero or Opcode.V128Load32Lane or Opcode.V128Store32Lane => 4,
        _ => 8,
    };

    private Instruction[]? Decode(FunctionCode function)
    {
        if (!_decoded.TryGetValue(function, out var instructions))
        {
            instructions = TryDecode(function.Code.Span);
            _decoded[function] = instructions;
        }

        return instructions;
    }

    private static Instruction[]? TryDecode(ReadOnlySpan<byte> code)
    {
        var reader = new InstructionReader(code, 0);
        var instructions = new List<Instruction>();
        var instruction = default(Instruction);
        while (!reader.AtEnd)
        {
            reader.Read(ref instruction);
            instructions.Add(instruction);
            var supported = instruction.Opcode is Opcode.Nop or Opcode.Drop or Opcode.LocalGet or Opcode.LocalSet or Opcode.LocalTee
                or Opcode.GlobalGet or Opcode.GlobalSet
                or Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const or Opcode.V128Const
                || (instruction.Opcode == Opcode.End && reader.AtEnd)
                || instruction.Opcode is >= Opcode.I32Load and <= Opcode.I64Store32
                || Helpers.ContainsKey(instruction.Opcode);
            if (!supported)
            {
                return null;
            }
        }

        return instructions.ToArray();
    }

    private static object Pop(List<object> stack)
    {
        var value = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private static object DefaultOf(ValueKind kind) => kind switch
    {
        ValueKind.I32 => 0,
        ValueKind.I64 => 0L,
        ValueKind.F32 => 0f,
        ValueKind.F64 => 0.0,
        ValueKind.V128 => Vector128<byte>.Zero,
        _ => throw new NotSupportedException($"Locals of kind {kind} are not supported here."),
    };
}

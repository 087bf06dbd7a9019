using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Weir.Wasm.Execution;
using Weir.Wasm.Instructions;
using Weir.Wasm.Model;

namespace Weir.Wasm.Compilation;

/// <summary>
/// Compiles one validated function body to IL in a single pass.
/// <para>
/// The Wasm operand stack is mapped onto the IL evaluation stack where that is free, and onto
/// "slot" locals (one per stack depth and CLR type) wherever control flow merges: at every block,
/// loop and if entry the whole operand stack is spilled to slots, and branches carry their values
/// in the target's slots. The IL stack is therefore empty at every label, which keeps the IL valid
/// for any nesting and lets RyuJIT register-allocate the slots like ordinary locals.
/// </para>
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly MethodInfo AsContext = typeof(Unsafe).GetMethods()
        .First(m => m.Name == nameof(Unsafe.As) && m.GetGenericArguments().Length == 1 && m.GetParameters().Length == 1)
        .MakeGenericMethod(typeof(InstanceContext));

    private readonly ModuleCompilationContext _module;
    private readonly int _functionIndex;
    private readonly ILGenerator _il;
    private readonly FunctionType _type;
    private readonly FunctionBody _body;
    private readonly ImmutableArray<ValueKind> _locals;
    private readonly LocalBuilder?[] _localBuilders;
    private readonly int _contextArgument;
    private readonly List<StackEntry> _stack = [];
    private readonly List<Frame> _frames = [];
    private readonly Dictionary<(int Depth, Type Type), LocalBuilder> _slots = [];
    private readonly Dictionary<(Type Type, int Ordinal), LocalBuilder> _temporaries = [];
    private LocalBuilder _context = null!;
    private LocalBuilder _execution = null!;
    private LocalBuilder _stackProbe = null!;
    private LocalBuilder? _memoryBase;
    private LocalBuilder? _memoryLength;
    private int _deepestStack;

    public FunctionCompiler(ModuleCompilationContext module, int functionIndex, ILGenerator il)
    {
        _module = module;
        _functionIndex = functionIndex;
        _il = il;
        _type = module.FunctionTypes[functionIndex];
        _body = module.Definition.Bodies[functionIndex - module.Definition.ImportedFunctionCount];
        _locals = _body.Locals;
        _localBuilders = new LocalBuilder?[_type.Parameters.Length + _locals.Length];
        _contextArgument = CallingConvention.ContextArgumentIndex(_type);
    }

    private bool ConsumesFuel => _module.Engine.Options.ConsumeFuel;

    /// <summary>
    /// After <see cref="Compile"/>: more native stack than RyuJIT's frame for the method can take. The
    /// prologue allocates (and probes) the frame before the entry check runs, so the store keeps this
    /// much below its stack limit (see <see cref="StackBounds"/>). Counted generously: 16 bytes per
    /// local and per IL local the operand stack can need (slots of up to six CLR types per depth,
    /// saved if-parameters, the IL stack itself), plus the JIT's own temporaries.
    /// </summary>
    public long FrameBoundBytes => (16L * (_type.Parameters.Length + _locals.Length + (8L * _deepestStack))) + (16 * 1024);

    /// <summary>After <see cref="Compile"/>: the deepest the operand stack got.</summary>
    public int DeepestOperandStack => _deepestStack;

    /// <summary>After <see cref="Compile"/>: how many IL locals the method declares.</summary>
    public int ILLocalCount { get; private set; }

    private Frame CurrentFrame => _frames[^1];

    public void Compile()
    {
        EmitPrologue();
        _frames.Add(new Frame(FrameKind.Function, 0, [], [.. _type.Results], default));
        var code = _module.Definition.Binary.Span.Slice(_body.CodeOffset, _body.CodeLength);
        var reader = new InstructionReader(code, _body.CodeOffset);
        var instruction = default(Instruction);
        while (!reader.AtEnd && _frames.Count > 0)
        {
            reader.Read(ref instruction);
            CompileInstruction(ref instruction);
        }

        // ILGenerator does not tell how many locals it has; one more (unused, dropped by the JIT) does.
        ILLocalCount = _il.DeclareLocal(typeof(byte)).LocalIndex;
    }

    private void EmitPrologue()
    {
        _context = _il.DeclareLocal(typeof(InstanceContext));
        _execution = _il.DeclareLocal(typeof(ExecutionState));
        _il.Emit(OpCodes.Ldarg, _contextArgument);
        _il.Emit(OpCodes.Call, AsContext);
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Stloc, _context);
        _il.Emit(OpCodes.Ldfld, Field<InstanceContext>(nameof(InstanceContext.Execution)));
        _il.Emit(OpCodes.Stloc, _execution);

        for (var i = 0; i < _locals.Length; i++)
        {
            _localBuilders[_type.Parameters.Length + i] = _il.DeclareLocal(CallingConvention.ClrType(_locals[i]));
        }

        _stackProbe = _il.DeclareLocal(typeof(byte));
        EmitEntryCheck();
        if (_module.HasMemory && AccessesMemory())
        {
            _memoryBase = _il.DeclareLocal(typeof(byte*));
            _memoryLength = _il.DeclareLocal(typeof(ulong));
            ReloadMemory();
        }
    }

    /// <summary>Whether the body loads or stores: only then is the memory base kept in locals (and reloaded after calls).</summary>
    private bool AccessesMemory()
    {
        var reader = new InstructionReader(_module.Definition.Binary.Span.Slice(_body.CodeOffset, _body.CodeLength), _body.CodeOffset);
        var instruction = default(Instruction);
        while (!reader.AtEnd)
        {
            reader.Read(ref instruction);
            if (InstructionReader.IsMemoryAccess(instruction.Opcode))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>At function entry: stack depth (which also notices interruptions) and fuel.</summary>
    private void EmitEntryCheck()
    {
        // The frame is already allocated when this runs: large frames count their size against the limit.
        var frameEstimate = (long)(_type.Parameters.Length + _locals.Length) * 16;
        _il.Emit(OpCodes.Ldloca, _stackProbe);
        _il.Emit(OpCodes.Conv_U);
        if (frameEstimate > 4096)
        {
            _il.Emit(OpCodes.Ldc_I8, frameEstimate);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Sub);
        }

        _il.Emit(OpCodes.Ldloc, _execution);
        _il.Emit(OpCodes.Call, Method(typeof(RuntimeChecks), nameof(RuntimeChecks.CheckStack)));
        EmitFuelCheck();
    }

    /// <summary>At loop headers: interruptions (through the stack limit) and fuel.</summary>
    private void EmitLoopCheck()
    {
        _il.Emit(OpCodes.Ldloca, _stackProbe);
        _il.Emit(OpCodes.Conv_U);
        _il.Emit(OpCodes.Ldloc, _execution);
        _il.Emit(OpCodes.Call, Method(typeof(RuntimeChecks), nameof(RuntimeChecks.CheckStack)));
        EmitFuelCheck();
    }

    private void EmitFuelCheck()
    {
        if (ConsumesFuel)
        {
            _il.Emit(OpCodes.Ldloc, _execution);
            _il.Emit(OpCodes.Call, Method(typeof(RuntimeChecks), nameof(RuntimeChecks.ConsumeFuel)));
        }
    }

    private void ReloadMemory()
    {
        if (_memoryBase is null)
        {
            return;
        }

        _il.Emit(OpCodes.Ldloc, _context);
        _il.Emit(OpCodes.Ldfld, Field<InstanceContext>(nameof(InstanceContext.Memory0)));
        _il.Emit(OpCodes.Dup);
        _il.Emit(OpCodes.Ldfld, Field<Memory>(nameof(Memory.BasePointer)));
        _il.Emit(OpCodes.Stloc, _memoryBase);
        _il.Emit(OpCodes.Ldfld, Field<Memory>(nameof(Memory.ByteLength)));
        _il.Emit(OpCodes.Stloc, _memoryLength!);
    }

    // ---------------------------------------------------------------- operand stack model

    private void Push(ValueKind kind)
    {
        _stack.Add(new StackEntry(kind, OnEvaluationStack: true));
        _deepestStack = Math.Max(_deepestStack, _stack.Count);
    }

    private void PushInSlot(ValueKind kind)
    {
        _stack.Add(new StackEntry(kind, OnEvaluationStack: false));
        _deepestStack = Math.Max(_deepestStack, _stack.Count);
    }

    /// <summary>Makes the top <paramref name="count"/> operands sit on the IL stack, in order, and removes them from the model.</summary>
    private void Consume(int count)
    {
        Materialize(count);
        _stack.RemoveRange(_stack.Count - count, count);
    }

    private void Materialize(int count)
    {
        var start = _stack.Count - count;
        var allOnStack = true;
        for (var i = start; i < _stack.Count; i++)
        {
            if (!_stack[i].OnEvaluationStack)
            {
                allOnStack = false;
                break;
            }
        }

        if (allOnStack)
        {
            return;
        }

        SpillAll();
        for (var i = start; i < _stack.Count; i++)
        {
            _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i].Kind));
            _stack[i] = _stack[i] with { OnEvaluationStack = true };
        }
    }

    /// <summary>Stores every operand still on the IL stack into its slot, leaving the IL stack empty.</summary>
    private void SpillAll()
    {
        for (var i = _stack.Count - 1; i >= 0 && _stack[i].OnEvaluationStack; i--)
        {
            _il.Emit(OpCodes.Stloc, Slot(i, _stack[i].Kind));
            _stack[i] = _stack[i] with { OnEvaluationStack = false };
        }
    }

    private LocalBuilder Slot(int depth, ValueKind kind)
    {
        var clrType = CallingConvention.ClrType(kind);
        if (!_slots.TryGetValue((depth, clrType), out var slot))
        {
            slot = _il.DeclareLocal(clrType);
            _slots[(depth, clrType)] = slot;
        }

        return slot;
    }

    private LocalBuilder Temporary(Type type, int ordinal = 0)
    {
        if (!_temporaries.TryGetValue((type, ordinal), out var local))
        {
            local = _il.DeclareLocal(type);
            _temporaries[(type, ordinal)] = local;
        }

        return local;
    }

    private LocalBuilder Temporary(ValueKind kind, int ordinal = 0) => Temporary(CallingConvention.ClrType(kind), ordinal);

    /// <summary>Truncates the model to <paramref name="height"/> and pushes <paramref name="kinds"/> as living in their slots.</summary>
    private void ResetStack(int height, IReadOnlyList<ValueKind> kinds)
    {
        _stack.RemoveRange(height, _stack.Count - height);
        foreach (var kind in kinds)
        {
            PushInSlot(kind);
        }
    }

    // ---------------------------------------------------------------- control flow

    private (ValueKind[] Parameters, ValueKind[] Results) Resolve(BlockType blockType)
    {
        if (blockType.TypeIndex >= 0)
        {
            var type = _module.Definition.Types[blockType.TypeIndex];
            return ([.. type.Parameters], [.. type.Results]);
        }

        return blockType.Result is ValueKind result ? ([], [result]) : ([], []);
    }

    private void EnterBlock(FrameKind kind, BlockType blockType, Label label)
    {
        var (parameters, results) = Resolve(blockType);
        SpillAll();
        _frames.Add(new Frame(kind, _stack.Count - parameters.Length, parameters, results, label));
    }

    private void CompileBlock(ref Instruction instruction) => EnterBlock(FrameKind.Block, instruction.BlockType, _il.DefineLabel());

    private void CompileLoop(ref Instruction instruction)
    {
        var header = _il.DefineLabel();
        EnterBlock(FrameKind.Loop, instruction.BlockType, header);
        _il.MarkLabel(header);
        EmitLoopCheck();
    }

    private void CompileIf(ref Instruction instruction)
    {
        Consume(1);
        var condition = Temporary(typeof(int));
        _il.Emit(OpCodes.Stloc, condition);
        EnterBlock(FrameKind.If, instruction.BlockType, _il.DefineLabel());
        var frame = CurrentFrame;
        frame.ElseLabel = _il.DefineLabel();
        if (frame.Parameters.Length > 0)
        {
            // The then-branch may overwrite the parameters' slots; the else-branch needs the originals.
            frame.SavedParameters = new LocalBuilder[frame.Parameters.Length];
            for (var i = 0; i < frame.Parameters.Length; i++)
            {
                frame.SavedParameters[i] = _il.DeclareLocal(CallingConvention.ClrType(frame.Parameters[i]));
                _il.Emit(OpCodes.Ldloc, Slot(frame.Height + i, frame.Parameters[i]));
                _il.Emit(OpCodes.Stloc, frame.SavedParameters[i]);
            }
        }

        _il.Emit(OpCodes.Ldloc, condition);
        _il.Emit(OpCodes.Brfalse, frame.ElseLabel);
    }

    private void RestoreIfParameters(Frame frame)
    {
        ResetStack(frame.Height, frame.Parameters);
        if (frame.SavedParameters is null)
        {
            return;
        }

        for (var i = 0; i < frame.Parameters.Length; i++)
        {
            _il.Emit(OpCodes.Ldloc, frame.SavedParameters[i]);
            _il.Emit(OpCodes.Stloc, Slot(frame.Height + i, frame.Parameters[i]));
        }
    }

    private void CompileElse()
    {
        var frame = CurrentFrame;
        if (frame.Dead)
        {
            return;
        }

        if (!frame.Unreachable)
        {
            SpillAll();
            _il.Emit(OpCodes.Br, frame.Label);
        }

        _il.MarkLabel(frame.ElseLabel);
        frame.HasElse = true;
        frame.Unreachable = false;
        RestoreIfParameters(frame);
    }

    private void CompileEnd()
    {
        var frame = CurrentFrame;
        _frames.RemoveAt(_frames.Count - 1);
        if (frame.Dead)
        {
            return;
        }

        if (frame.Kind == FrameKind.Function)
        {
            if (!frame.Unreachable)
            {
                EmitReturn();
            }

            return;
        }

        if (!frame.Unreachable)
        {
            SpillAll();
        }

        if (frame.Kind == FrameKind.If && !frame.HasElse)
        {
            if (!frame.Unreachable)
            {
                _il.Emit(OpCodes.Br, frame.Label);
            }

            _il.MarkLabel(frame.ElseLabel);
            RestoreIfParameters(frame);
        }

        if (frame.Kind != FrameKind.Loop)
        {
            _il.MarkLabel(frame.Label);
        }

        ResetStack(frame.Height, frame.Results);
    }

    private void MarkUnreachable()
    {
        CurrentFrame.Unreachable = true;
    }

    /// <summary>Copies the top <paramref name="frame"/>-arity operands (already in slots) to the frame's slots.</summary>
    private void CopyBranchValues(Frame frame)
    {
        var arity = frame.BranchTypes.Length;
        var source = _stack.Count - arity;
        if (source == frame.Height)
        {
            return;
        }

        for (var i = 0; i < arity; i++)
        {
            var kind = frame.BranchTypes[i];
            _il.Emit(OpCodes.Ldloc, Slot(source + i, kind));
            _il.Emit(OpCodes.Stloc, Slot(frame.Height + i, kind));
        }
    }

    /// <summary>Emits the jump to <paramref name="frame"/> assuming every operand is in its slot.</summary>
    private void EmitJump(Frame frame)
    {
        if (frame.Kind == FrameKind.Function)
        {
            EmitReturnFromSlots();
            return;
        }

        CopyBranchValues(frame);
        _il.Emit(OpCodes.Br, frame.Label);
    }

    private void CompileBr(uint depth)
    {
        SpillAll();
        EmitJump(_frames[^(int)(depth + 1)]);
        MarkUnreachable();
    }

    private void CompileBrIf(uint depth)
    {
        Consume(1);
        var condition = Temporary(typeof(int));
        _il.Emit(OpCodes.Stloc, condition);
        SpillAll();
        var frame = _frames[^(int)(depth + 1)];
        _il.Emit(OpCodes.Ldloc, condition);
        if (frame.Kind != FrameKind.Function && _stack.Count - frame.BranchTypes.Length == frame.Height)
        {
            _il.Emit(OpCodes.Brtrue, frame.Label);
            return;
        }

        var skip = _il.DefineLabel();
        _il.Emit(OpCodes.Brfalse, skip);
        EmitJump(frame);
        _il.MarkLabel(skip);
    }

    private void CompileBrTable(uint[] targets)
    {
        Consume(1);
        var index = Temporary(typeof(int));
        _il.Emit(OpCodes.Stloc, index);
        SpillAll();
        var labels = new Dictionary<uint, Label>();
        var trampolines = new List<(Label Label, Frame Frame)>();
        Label LabelFor(uint depth)
        {
            if (labels.TryGetValue(depth, out var existing))
            {
                return existing;
            }

            var frame = _frames[^(int)(depth + 1)];
            Label label;
            if (frame.Kind != FrameKind.Function && _stack.Count - frame.BranchTypes.Length == frame.Height)
            {
                label = frame.Label;
            }
            else
            {
                label = _il.DefineLabel();
                trampolines.Add((label, frame));
            }

            labels[depth] = label;
            return label;
        }

        var cases = new Label[targets.Length - 1];
        for (var i = 0; i < cases.Length; i++)
        {
            cases[i] = LabelFor(targets[i]);
        }

        var defaultLabel = LabelFor(targets[^1]);
        if (cases.Length > 0)
        {
            _il.Emit(OpCodes.Ldloc, index);
            _il.Emit(OpCodes.Switch, cases);
        }

        _il.Emit(OpCodes.Br, defaultLabel);
        foreach (var (label, frame) in trampolines)
        {
            _il.MarkLabel(label);
            EmitJump(frame);
        }

        MarkUnreachable();
    }

    private void EmitReturn()
    {
        SpillAll();
        EmitReturnFromSlots();
    }

    private void EmitReturnFromSlots()
    {
        var count = _type.Results.Length;
        var first = _stack.Count - count;
        for (var i = 1; i < count; i++)
        {
            _il.Emit(OpCodes.Ldarg, _type.Parameters.Length + i - 1);
            _il.Emit(OpCodes.Ldloc, Slot(first + i, _type.Results[i]));
            _il.Emit(OpCodes.Stobj, CallingConvention.ClrType(_type.Results[i]));
        }

        if (count > 0)
        {
            _il.Emit(OpCodes.Ldloc, Slot(first, _type.Results[0]));
        }

        _il.Emit(OpCodes.Ret);
    }

    // ---------------------------------------------------------------- calls

    private void CompileCall(uint functionIndex)
    {
        var type = _module.FunctionTypes[functionIndex];
        Consume(type.Parameters.Length);
        var extraResults = PushExtraResultAddresses(type);
        var importedCount = _module.Definition.ImportedFunctionCount;
        if (functionIndex < importedCount)
        {
            var function = Temporary(typeof(Function));
            _il.Emit(OpCodes.Ldloc, _context);
            _il.Emit(OpCodes.Ldfld, Field<InstanceContext>(nameof(InstanceContext.Functions)));
            _il.Emit(OpCodes.Ldc_I4, (int)functionIndex);
            _il.Emit(OpCodes.Ldelem_Ref);
            _il.Emit(OpCodes.Stloc, function);
            EmitCallThrough(function, type);
        }
        else
        {
            _il.Emit(OpCodes.Ldarg, _contextArgument);
            _il.Emit(OpCodes.Call, _module.Methods[functionIndex - importedCount]);
        }

        PushCallResults(type, extraResults);
    }

    private void CompileCallIndirect(uint typeIndex, uint tableIndex)
    {
        var type = _module.Definition.Types[(int)typeIndex];
        Consume(type.Parameters.Length + 1);
        var index = Temporary(typeof(int));
        _il.Emit(OpCodes.Stloc, index);
        var function = Temporary(typeof(Function));
        _il.Emit(OpCodes.Ldloc, index);
        EmitTable(tableIndex);
        _il.Emit(OpCodes.Ldc_I4, _module.TypeIds[typeIndex]);
        _il.Emit(OpCodes.Call, Method(typeof(BulkOperations), nameof(BulkOperations.ResolveIndirect)));
        _il.Emit(OpCodes.Stloc, function);
        var extraResults = PushExtraResultAddresses(type);
        EmitCallThrough(function, type);
        PushCallResults(type, extraResults);
    }

    private void EmitCallThrough(LocalBuilder function, FunctionType type)
    {
        _il.Emit(OpCodes.Ldloc, function);
        _il.Emit(OpCodes.Ldfld, Field<Function>(nameof(Function.Target)));
        _il.Emit(OpCodes.Ldloc, function);
        _il.Emit(OpCodes.Ldfld, Field<Function>(nameof(Function.Code)));
        _il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, CallingConvention.ReturnType(type), CallingConvention.ParameterTypes(type), null);
    }

    private LocalBuilder[] PushExtraResultAddresses(FunctionType type)
    {
        var locals = new LocalBuilder[Math.Max(0, type.Results.Length - 1)];
        for (var i = 0; i < locals.Length; i++)
        {
            locals[i] = Temporary(type.Results[i + 1], ordinal: 100 + i);
            _il.Emit(OpCodes.Ldloca, locals[i]);
        }

        return locals;
    }

    private void PushCallResults(FunctionType type, LocalBuilder[] extraResults)
    {
        if (type.Results.Length > 0)
        {
            Push(type.Results[0]);
        }

        for (var i = 0; i < extraResults.Length; i++)
        {
            _il.Emit(OpCodes.Ldloc, extraResults[i]);
            Push(type.Results[i + 1]);
        }

        ReloadMemory();
    }

    // ---------------------------------------------------------------- helpers for IL

    private void EmitTable(uint tableIndex)
    {
        _il.Emit(OpCodes.Ldloc, _context);
        _il.Emit(OpCodes.Ldfld, Field<InstanceContext>(nameof(InstanceContext.Tables)));
        _il.Emit(OpCodes.Ldc_I4, (int)tableIndex);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void EmitMemory()
    {
        _il.Emit(OpCodes.Ldloc, _context);
        _il.Emit(OpCodes.Ldfld, Field<InstanceContext>(nameof(InstanceContext.Memory0)));
    }

    private void EmitGlobal(uint globalIndex)
    {
        _il.Emit(OpCodes.Ldloc, _context);
        _il.Emit(OpCodes.Ldfld, Field<InstanceContext>(nameof(InstanceContext.Globals)));
        _il.Emit(OpCodes.Ldc_I4, (int)globalIndex);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private static FieldInfo Field<T>(string name) =>
        typeof(T).GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} not found");

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"{type.Name}.{name} not found");

    private ValueKind LocalKind(uint index) =>
        index < _type.Parameters.Length ? _type.Parameters[(int)index] : _locals[(int)index - _type.Parameters.Length];

    private void EmitLoadLocal(uint index)
    {
        if (index < _type.Parameters.Length)
        {
            _il.Emit(OpCodes.Ldarg, (int)index);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, _localBuilders[index]!);
        }
    }

    private void EmitStoreLocal(uint index)
    {
        if (index < _type.Parameters.Length)
        {
            _il.Emit(OpCodes.Starg, (int)index);
        }
        else
        {
            _il.Emit(OpCodes.Stloc, _localBuilders[index]!);
        }
    }

    private void EmitConstantVector(Vector128<byte> vector)
    {
        var longs = vector.AsInt64();
        _il.Emit(OpCodes.Ldc_I8, longs.GetElement(0));
        _il.Emit(OpCodes.Ldc_I8, longs.GetElement(1));
        _il.Emit(OpCodes.Call, Method(typeof(SelectHelper), nameof(SelectHelper.VectorConstant)));
    }

    private enum FrameKind
    {
        Function,
        Block,
        Loop,
        If,
    }

    private readonly record struct StackEntry(ValueKind Kind, bool OnEvaluationStack);

    private sealed class Frame(FrameKind kind, int height, ValueKind[] parameters, ValueKind[] results, Label label)
    {
        public FrameKind Kind { get; } = kind;

        /// <summary>The operand stack height below the frame's parameters.</summary>
        public int Height { get; } = height;

        public ValueKind[] Parameters { get; } = parameters;

        public ValueKind[] Results { get; } = results;

        /// <summary>Where branches to this frame go: the loop header, or the end.</summary>
        public Label Label { get; } = label;

        public ValueKind[] BranchTypes => Kind == FrameKind.Loop ? Parameters : Results;

        public Label ElseLabel { get; set; }

        public bool HasElse { get; set; }

        public bool Unreachable { get; set; }

        /// <summary>Entered inside unreachable code: nothing is emitted for it.</summary>
        public bool Dead { get; init; }

        public LocalBuilder[]? SavedParameters { get; set; }
    }
}

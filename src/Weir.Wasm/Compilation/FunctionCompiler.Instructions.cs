using System.Collections.Frozen;
using System.Reflection;
using System.Reflection.Emit;
using Weir.Wasm.Execution;
using Weir.Wasm.Instructions;

namespace Weir.Wasm.Compilation;

// The per-instruction translation. Instructions that are one IL opcode are emitted inline;
// those with subtler semantics call a helper of Numerics.ScalarOps or Numerics.SimdOps found by the
// opcode's name, which RyuJIT inlines.
internal sealed partial class FunctionCompiler
{
    private static readonly FrozenDictionary<Opcode, MethodInfo> Helpers = FindHelpers();

    private static FrozenDictionary<Opcode, MethodInfo> FindHelpers()
    {
        var assembly = typeof(FunctionCompiler).Assembly;
        var helperTypes = new[] { "Weir.Wasm.Numerics.ScalarOps", "Weir.Wasm.Numerics.SimdOps" }
            .Select(name => assembly.GetType(name))
            .OfType<Type>()
            .ToArray();
        var helpers = new Dictionary<Opcode, MethodInfo>();
        foreach (var opcode in Enum.GetValues<Opcode>())
        {
            foreach (var type in helperTypes)
            {
                var method = type.GetMethod(opcode.ToString(), BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
                if (method is not null)
                {
                    helpers[opcode] = method;
                    break;
                }
            }
        }

        return helpers.ToFrozenDictionary();
    }

    private void CompileInstruction(ref Instruction instruction)
    {
        var opcode = instruction.Opcode;
        var frame = CurrentFrame;
        if (frame.Unreachable || frame.Dead)
        {
            switch (opcode)
            {
                case Opcode.Block:
                case Opcode.Loop:
                case Opcode.If:
                    _frames.Add(new Frame(FrameKind.Block, _stack.Count, [], [], default) { Dead = true });
                    return;
                case Opcode.Else:
                    CompileElse();
                    return;
                case Opcode.End:
                    CompileEnd();
                    return;
                default:
                    return;
            }
        }

        switch (opcode)
        {
            case Opcode.Unreachable:
                SpillAll();
                _il.Emit(OpCodes.Ldc_I4, (int)TrapCode.Unreachable);
                _il.Emit(OpCodes.Call, typeof(Trap).GetMethod(nameof(Trap.Throw), 0, [typeof(TrapCode)])!);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Throw);
                MarkUnreachable();
                return;
            case Opcode.Nop:
                return;
            case Opcode.Block:
                CompileBlock(ref instruction);
                return;
            case Opcode.Loop:
                CompileLoop(ref instruction);
                return;
            case Opcode.If:
                CompileIf(ref instruction);
                return;
            case Opcode.Else:
                CompileElse();
                return;
            case Opcode.End:
                CompileEnd();
                return;
            case Opcode.Br:
                CompileBr(instruction.Index);
                return;
            case Opcode.BrIf:
                CompileBrIf(instruction.Index);
                return;
            case Opcode.BrTable:
                CompileBrTable(instruction.Targets!);
                return;
            case Opcode.Return:
                EmitReturn();
                MarkUnreachable();
                return;
            case Opcode.Call:
                CompileCall(instruction.Index);
                return;
            case Opcode.CallIndirect:
                CompileCallIndirect(instruction.Index, instruction.SecondIndex);
                return;
            case Opcode.Drop:
                if (_stack[^1].OnEvaluationStack)
                {
                    _il.Emit(OpCodes.Pop);
                }

                _stack.RemoveAt(_stack.Count - 1);
                return;
            case Opcode.Select:
            case Opcode.SelectTyped:
            {
                var kind = _stack[^2].Kind;
                Consume(3);
                _il.Emit(OpCodes.Call, typeof(SelectHelper).GetMethod(nameof(SelectHelper.Select))!.MakeGenericMethod(CallingConvention.ClrType(kind)));
                Push(kind);
                return;
            }

            case Opcode.LocalGet:
                EmitLoadLocal(instruction.Index);
                Push(LocalKind(instruction.Index));
                return;
            case Opcode.LocalSet:
                Consume(1);
                EmitStoreLocal(instruction.Index);
                return;
            case Opcode.LocalTee:
                Materialize(1);
                _il.Emit(OpCodes.Dup);
                EmitStoreLocal(instruction.Index);
                return;
            case Opcode.GlobalGet:
                CompileGlobalGet(instruction.Index);
                return;
            case Opcode.GlobalSet:
                CompileGlobalSet(instruction.Index);
                return;
            case Opcode.TableGet:
                Consume(1);
                EmitTable(instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.TableGet));
                Push(TableKind(instruction.Index));
                return;
            case Opcode.TableSet:
                Consume(2);
                EmitTable(instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.TableSet));
                return;
            case Opcode.MemorySize:
                EmitMemory();
                CallHelper(typeof(MemoryOperations), nameof(MemoryOperations.Size));
                Push(ValueKind.I32);
                return;
            case Opcode.MemoryGrow:
                Consume(1);
                EmitMemory();
                CallHelper(typeof(MemoryOperations), nameof(MemoryOperations.Grow));
                Push(ValueKind.I32);
                ReloadMemory();
                return;
            case Opcode.I32Const:
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Constant);
                Push(ValueKind.I32);
                return;
            case Opcode.I64Const:
                _il.Emit(OpCodes.Ldc_I8, instruction.Constant);
                Push(ValueKind.I64);
                return;
            case Opcode.F32Const:
                EmitSingleConstant((int)instruction.Constant);
                Push(ValueKind.F32);
                return;
            case Opcode.F64Const:
                EmitDoubleConstant(instruction.Constant);
                Push(ValueKind.F64);
                return;
            case Opcode.RefNull:
                _il.Emit(OpCodes.Ldnull);
                Push(instruction.Kind);
                return;
            case Opcode.RefIsNull:
                Consume(1);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Push(ValueKind.I32);
                return;
            case Opcode.RefFunc:
                _il.Emit(OpCodes.Ldloc, _context);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Index);
                _il.Emit(OpCodes.Call, typeof(InstanceContext).GetMethod(nameof(InstanceContext.GetFunction))!);
                Push(ValueKind.FuncRef);
                return;
            case Opcode.MemoryInit:
                Consume(3);
                _il.Emit(OpCodes.Ldloc, _context);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.MemoryInit));
                return;
            case Opcode.DataDrop:
                _il.Emit(OpCodes.Ldloc, _context);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.DataDrop));
                return;
            case Opcode.MemoryCopy:
                Consume(3);
                EmitMemory();
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.MemoryCopy));
                return;
            case Opcode.MemoryFill:
                Consume(3);
                EmitMemory();
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.MemoryFill));
                return;
            case Opcode.TableInit:
                Consume(3);
                _il.Emit(OpCodes.Ldloc, _context);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.SecondIndex);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.TableInit));
                return;
            case Opcode.ElemDrop:
                _il.Emit(OpCodes.Ldloc, _context);
                _il.Emit(OpCodes.Ldc_I4, (int)instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.ElemDrop));
                return;
            case Opcode.TableCopy:
                Consume(3);
                EmitTable(instruction.Index);
                EmitTable(instruction.SecondIndex);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.TableCopy));
                return;
            case Opcode.TableGrow:
                Consume(2);
                EmitTable(instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.TableGrow));
                Push(ValueKind.I32);
                return;
            case Opcode.TableSize:
                EmitTable(instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.TableSize));
                Push(ValueKind.I32);
                return;
            case Opcode.TableFill:
                Consume(3);
                EmitTable(instruction.Index);
                CallHelper(typeof(BulkOperations), nameof(BulkOperations.TableFill));
                return;
            case Opcode.V128Const:
                EmitConstantVector(instruction.Vector);
                Push(ValueKind.V128);
                return;
            case Opcode.I8x16Shuffle:
                Consume(2);
                EmitConstantVector(instruction.Vector);
                CallNamedHelper(opcode);
                return;
        }

        if (InstructionReader.IsMemoryAccess(opcode))
        {
            CompileMemoryAccess(ref instruction);
            return;
        }

        if (InstructionReader.IsLaneAccess(opcode))
        {
            Consume(IsReplaceLane(opcode) ? 2 : 1);
            _il.Emit(OpCodes.Ldc_I4, (int)instruction.Constant);
            CallNamedHelper(opcode);
            return;
        }

        if (TryCompileNumeric(opcode))
        {
            return;
        }

        CallNamedHelperConsumingOperands(opcode);
    }

    private static bool IsReplaceLane(Opcode opcode) => opcode is Opcode.I8x16ReplaceLane or Opcode.I16x8ReplaceLane
        or Opcode.I32x4ReplaceLane or Opcode.I64x2ReplaceLane or Opcode.F32x4ReplaceLane or Opcode.F64x2ReplaceLane;

    private ValueKind TableKind(uint tableIndex) => _module.TableKinds[tableIndex];

    private ValueKind GlobalKind(uint globalIndex) => _module.GlobalKinds[globalIndex];

    private void CompileGlobalGet(uint index)
    {
        var kind = GlobalKind(index);
        EmitGlobal(index);
        switch (kind)
        {
            case ValueKind.I32:
                _il.Emit(OpCodes.Ldfld, Field<Global>(nameof(Global.Bits)));
                _il.Emit(OpCodes.Conv_I4);
                break;
            case ValueKind.I64:
                _il.Emit(OpCodes.Ldfld, Field<Global>(nameof(Global.Bits)));
                break;
            case ValueKind.F32:
                _il.Emit(OpCodes.Ldfld, Field<Global>(nameof(Global.Bits)));
                _il.Emit(OpCodes.Conv_I4);
                _il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!);
                break;
            case ValueKind.F64:
                _il.Emit(OpCodes.Ldfld, Field<Global>(nameof(Global.Bits)));
                _il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!);
                break;
            case ValueKind.V128:
                _il.Emit(OpCodes.Ldfld, Field<Global>(nameof(Global.Vector)));
                break;
            default:
                _il.Emit(OpCodes.Ldfld, Field<Global>(nameof(Global.Reference)));
                break;
        }

        Push(kind);
    }

    private void CompileGlobalSet(uint index)
    {
        var kind = GlobalKind(index);
        Consume(1);
        var value = Temporary(kind);
        _il.Emit(OpCodes.Stloc, value);
        EmitGlobal(index);
        _il.Emit(OpCodes.Ldloc, value);
        switch (kind)
        {
            case ValueKind.I32:
                _il.Emit(OpCodes.Conv_I8);
                _il.Emit(OpCodes.Stfld, Field<Global>(nameof(Global.Bits)));
                break;
            case ValueKind.I64:
                _il.Emit(OpCodes.Stfld, Field<Global>(nameof(Global.Bits)));
                break;
            case ValueKind.F32:
                _il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!);
                _il.Emit(OpCodes.Conv_I8);
                _il.Emit(OpCodes.Stfld, Field<Global>(nameof(Global.Bits)));
                break;
            case ValueKind.F64:
                _il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!);
                _il.Emit(OpCodes.Stfld, Field<Global>(nameof(Global.Bits)));
                break;
            case ValueKind.V128:
                _il.Emit(OpCodes.Stfld, Field<Global>(nameof(Global.Vector)));
                break;
            default:
                _il.Emit(OpCodes.Stfld, Field<Global>(nameof(Global.Reference)));
                break;
        }
    }

    private void CallHelper(Type type, string name) => _il.Emit(OpCodes.Call, Method(type, name));

    /// <summary>Calls the named helper for an opcode whose operands are already on the IL stack, pushing its result.</summary>
    private void CallNamedHelper(Opcode opcode)
    {
        var method = Helpers.TryGetValue(opcode, out var found)
            ? found
            : throw new NotSupportedException($"instruction {opcode} has no implementation");
        _il.Emit(OpCodes.Call, method);
        PushResultOf(method);
    }

    private void CallNamedHelperConsumingOperands(Opcode opcode)
    {
        var method = Helpers.TryGetValue(opcode, out var found)
            ? found
            : throw new NotSupportedException($"instruction {opcode} has no implementation");
        Consume(method.GetParameters().Length);
        _il.Emit(OpCodes.Call, method);
        PushResultOf(method);
    }

    private void PushResultOf(MethodInfo method)
    {
        if (method.ReturnType != typeof(void))
        {
            Push(CallingConvention.KindOf(method.ReturnType) ?? throw new InvalidOperationException($"{method.Name} returns {method.ReturnType}"));
        }
    }

    private void CompileMemoryAccess(ref Instruction instruction)
    {
        var opcode = instruction.Opcode;
        var (size, store) = AccessShape(opcode);
        var laneAccess = InstructionReader.IsLaneMemoryAccess(opcode);
        LocalBuilder? value = null;
        if (store || laneAccess)
        {
            var valueKind = _stack[^1].Kind;
            Consume(2);
            value = Temporary(valueKind, ordinal: 1);
            _il.Emit(OpCodes.Stloc, value);
        }
        else
        {
            Consume(1);
        }

        _il.Emit(OpCodes.Ldc_I8, (long)instruction.MemoryOffset);
        _il.Emit(OpCodes.Ldc_I8, (long)size);
        _il.Emit(OpCodes.Ldloc, _memoryBase!);
        _il.Emit(OpCodes.Ldloc, _memoryLength!);
        _il.Emit(OpCodes.Call, Method(typeof(MemoryOperations), nameof(MemoryOperations.Address)));
        if (value is not null)
        {
            _il.Emit(OpCodes.Ldloc, value);
        }

        if (laneAccess)
        {
            _il.Emit(OpCodes.Ldc_I4, (int)instruction.Constant);
        }

        switch (opcode)
        {
            case Opcode.I32Load:
                EmitLoad(OpCodes.Ldind_I4, ValueKind.I32);
                return;
            case Opcode.I64Load:
                EmitLoad(OpCodes.Ldind_I8, ValueKind.I64);
                return;
            case Opcode.F32Load:
                EmitLoad(OpCodes.Ldind_R4, ValueKind.F32);
                return;
            case Opcode.F64Load:
                EmitLoad(OpCodes.Ldind_R8, ValueKind.F64);
                return;
            case Opcode.I32Load8S:
                EmitLoad(OpCodes.Ldind_I1, ValueKind.I32);
                return;
            case Opcode.I32Load8U:
                EmitLoad(OpCodes.Ldind_U1, ValueKind.I32);
                return;
            case Opcode.I32Load16S:
                EmitLoad(OpCodes.Ldind_I2, ValueKind.I32);
                return;
            case Opcode.I32Load16U:
                EmitLoad(OpCodes.Ldind_U2, ValueKind.I32);
                return;
            case Opcode.I64Load8S:
                EmitLoad(OpCodes.Ldind_I1, ValueKind.I64, OpCodes.Conv_I8);
                return;
            case Opcode.I64Load8U:
                EmitLoad(OpCodes.Ldind_U1, ValueKind.I64, OpCodes.Conv_U8);
                return;
            case Opcode.I64Load16S:
                EmitLoad(OpCodes.Ldind_I2, ValueKind.I64, OpCodes.Conv_I8);
                return;
            case Opcode.I64Load16U:
                EmitLoad(OpCodes.Ldind_U2, ValueKind.I64, OpCodes.Conv_U8);
                return;
            case Opcode.I64Load32S:
                EmitLoad(OpCodes.Ldind_I4, ValueKind.I64, OpCodes.Conv_I8);
                return;
            case Opcode.I64Load32U:
                EmitLoad(OpCodes.Ldind_U4, ValueKind.I64, OpCodes.Conv_U8);
                return;
            case Opcode.I32Store:
                EmitStore(OpCodes.Stind_I4);
                return;
            case Opcode.I64Store:
                EmitStore(OpCodes.Stind_I8);
                return;
            case Opcode.F32Store:
                EmitStore(OpCodes.Stind_R4);
                return;
            case Opcode.F64Store:
                EmitStore(OpCodes.Stind_R8);
                return;
            case Opcode.I32Store8:
                EmitStore(OpCodes.Stind_I1);
                return;
            case Opcode.I32Store16:
                EmitStore(OpCodes.Stind_I2);
                return;
            case Opcode.I64Store8:
                _il.Emit(OpCodes.Conv_I4);
                EmitStore(OpCodes.Stind_I1);
                return;
            case Opcode.I64Store16:
                _il.Emit(OpCodes.Conv_I4);
                EmitStore(OpCodes.Stind_I2);
                return;
            case Opcode.I64Store32:
                _il.Emit(OpCodes.Conv_I4);
                EmitStore(OpCodes.Stind_I4);
                return;
            default:
                // SIMD loads and stores: helpers taking the translated address.
                CallNamedHelper(opcode);
                return;
        }
    }

    private void EmitLoad(OpCode load, ValueKind kind, OpCode? widen = null)
    {
        _il.Emit(OpCodes.Unaligned, (byte)1);
        _il.Emit(load);
        if (widen is OpCode conversion)
        {
            _il.Emit(conversion);
        }

        Push(kind);
    }

    private void EmitStore(OpCode store)
    {
        _il.Emit(OpCodes.Unaligned, (byte)1);
        _il.Emit(store);
    }

    private static (int Size, bool Store) AccessShape(Opcode opcode) => opcode switch
    {
        Opcode.I32Load or Opcode.F32Load or Opcode.I64Load32S or Opcode.I64Load32U => (4, false),
        Opcode.I64Load or Opcode.F64Load => (8, false),
        Opcode.I32Load8S or Opcode.I32Load8U or Opcode.I64Load8S or Opcode.I64Load8U => (1, false),
        Opcode.I32Load16S or Opcode.I32Load16U or Opcode.I64Load16S or Opcode.I64Load16U => (2, false),
        Opcode.I32Store or Opcode.F32Store or Opcode.I64Store32 => (4, true),
        Opcode.I64Store or Opcode.F64Store => (8, true),
        Opcode.I32Store8 or Opcode.I64Store8 => (1, true),
        Opcode.I32Store16 or Opcode.I64Store16 => (2, true),
        Opcode.V128Load => (16, false),
        Opcode.V128Store => (16, true),
        Opcode.V128Load8x8S or Opcode.V128Load8x8U or Opcode.V128Load16x4S or Opcode.V128Load16x4U
            or Opcode.V128Load32x2S or Opcode.V128Load32x2U or Opcode.V128Load64Splat or Opcode.V128Load64Zero => (8, false),
        Opcode.V128Load8Splat => (1, false),
        Opcode.V128Load16Splat => (2, false),
        Opcode.V128Load32Splat or Opcode.V128Load32Zero => (4, false),
        Opcode.V128Load8Lane => (1, false),
        Opcode.V128Load16Lane => (2, false),
        Opcode.V128Load32Lane => (4, false),
        Opcode.V128Load64Lane => (8, false),
        Opcode.V128Store8Lane => (1, true),
        Opcode.V128Store16Lane => (2, true),
        Opcode.V128Store32Lane => (4, true),
        Opcode.V128Store64Lane => (8, true),
        _ => throw new InvalidOperationException($"{opcode} is not a memory access"),
    };

    /// <summary>Scalar instructions that are exactly one or a few IL opcodes.</summary>
    private bool TryCompileNumeric(Opcode opcode)
    {
        switch (opcode)
        {
            case Opcode.I32Eqz:
                Unary(ValueKind.I32, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I64Eqz:
                Unary(ValueKind.I32, OpCodes.Ldc_I4_0, OpCodes.Conv_I8, OpCodes.Ceq);
                return true;
            case Opcode.I32Eq or Opcode.I64Eq or Opcode.F32Eq or Opcode.F64Eq:
                Binary(ValueKind.I32, OpCodes.Ceq);
                return true;
            case Opcode.I32Ne or Opcode.I64Ne or Opcode.F32Ne or Opcode.F64Ne:
                Binary(ValueKind.I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32LtS or Opcode.I64LtS or Opcode.F32Lt or Opcode.F64Lt:
                Binary(ValueKind.I32, OpCodes.Clt);
                return true;
            case Opcode.I32LtU or Opcode.I64LtU:
                Binary(ValueKind.I32, OpCodes.Clt_Un);
                return true;
            case Opcode.I32GtS or Opcode.I64GtS or Opcode.F32Gt or Opcode.F64Gt:
                Binary(ValueKind.I32, OpCodes.Cgt);
                return true;
            case Opcode.I32GtU or Opcode.I64GtU:
                Binary(ValueKind.I32, OpCodes.Cgt_Un);
                return true;
            case Opcode.I32LeS or Opcode.I64LeS:
                Binary(ValueKind.I32, OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32LeU or Opcode.I64LeU or Opcode.F32Le or Opcode.F64Le:
                // For floats cgt.un is true when unordered, so its negation is false for NaN, as le must be.
                Binary(ValueKind.I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32GeS or Opcode.I64GeS:
                Binary(ValueKind.I32, OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32GeU or Opcode.I64GeU or Opcode.F32Ge or Opcode.F64Ge:
                Binary(ValueKind.I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq);
                return true;
            case Opcode.I32Add:
                Binary(ValueKind.I32, OpCodes.Add);
                return true;
            case Opcode.I32Sub:
                Binary(ValueKind.I32, OpCodes.Sub);
                return true;
            case Opcode.I32Mul:
                Binary(ValueKind.I32, OpCodes.Mul);
                return true;
            case Opcode.I32And:
                Binary(ValueKind.I32, OpCodes.And);
                return true;
            case Opcode.I32Or:
                Binary(ValueKind.I32, OpCodes.Or);
                return true;
            case Opcode.I32Xor:
                Binary(ValueKind.I32, OpCodes.Xor);
                return true;
            case Opcode.I32Shl:
                Shift(ValueKind.I32, OpCodes.Shl);
                return true;
            case Opcode.I32ShrS:
                Shift(ValueKind.I32, OpCodes.Shr);
                return true;
            case Opcode.I32ShrU:
                Shift(ValueKind.I32, OpCodes.Shr_Un);
                return true;
            case Opcode.I64Add:
                Binary(ValueKind.I64, OpCodes.Add);
                return true;
            case Opcode.I64Sub:
                Binary(ValueKind.I64, OpCodes.Sub);
                return true;
            case Opcode.I64Mul:
                Binary(ValueKind.I64, OpCodes.Mul);
                return true;
            case Opcode.I64And:
                Binary(ValueKind.I64, OpCodes.And);
                return true;
            case Opcode.I64Or:
                Binary(ValueKind.I64, OpCodes.Or);
                return true;
            case Opcode.I64Xor:
                Binary(ValueKind.I64, OpCodes.Xor);
                return true;
            case Opcode.I64Shl:
                Shift(ValueKind.I64, OpCodes.Shl);
                return true;
            case Opcode.I64ShrS:
                Shift(ValueKind.I64, OpCodes.Shr);
                return true;
            case Opcode.I64ShrU:
                Shift(ValueKind.I64, OpCodes.Shr_Un);
                return true;
            case Opcode.I32WrapI64:
                Unary(ValueKind.I32, OpCodes.Conv_I4);
                return true;
            case Opcode.I64ExtendI32S:
                Unary(ValueKind.I64, OpCodes.Conv_I8);
                return true;
            case Opcode.I64ExtendI32U:
                Unary(ValueKind.I64, OpCodes.Conv_U8);
                return true;
            case Opcode.F32ConvertI32S:
                Unary(ValueKind.F32, OpCodes.Conv_R4);
                return true;
            case Opcode.F64ConvertI32S or Opcode.F64ConvertI64S:
                Unary(ValueKind.F64, OpCodes.Conv_R8);
                return true;
            case Opcode.I32ReinterpretF32:
                UnaryCall(ValueKind.I32, typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!);
                return true;
            case Opcode.I64ReinterpretF64:
                UnaryCall(ValueKind.I64, typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!);
                return true;
            case Opcode.F32ReinterpretI32:
                UnaryCall(ValueKind.F32, Helpers[Opcode.F32ReinterpretI32]);
                return true;
            case Opcode.F64ReinterpretI64:
                UnaryCall(ValueKind.F64, typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!);
                return true;
            case Opcode.I32Extend8S:
                Unary(ValueKind.I32, OpCodes.Conv_I1);
                return true;
            case Opcode.I32Extend16S:
                Unary(ValueKind.I32, OpCodes.Conv_I2);
                return true;
            case Opcode.I64Extend8S:
                Unary(ValueKind.I64, OpCodes.Conv_I1, OpCodes.Conv_I8);
                return true;
            case Opcode.I64Extend16S:
                Unary(ValueKind.I64, OpCodes.Conv_I2, OpCodes.Conv_I8);
                return true;
            case Opcode.I64Extend32S:
                Unary(ValueKind.I64, OpCodes.Conv_I4, OpCodes.Conv_I8);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// f32 constants: signalling NaNs go through <see cref="Numerics.FloatConstants"/> because RyuJIT
    /// holds folded float constants as doubles, which would quiet them. Float arithmetic itself is
    /// compiled to <see cref="Numerics.ScalarOps"/> helpers the JIT cannot fold (x * 1.0 is not x for a
    /// signalling NaN), so constants need no other disguise.
    /// </summary>
    private void EmitSingleConstant(int bits)
    {
        if (Numerics.FloatConstants.IsSignallingNaN(bits))
        {
            _il.Emit(OpCodes.Ldc_I4, bits);
            _il.Emit(OpCodes.Call, Method(typeof(Numerics.FloatConstants), nameof(Numerics.FloatConstants.SingleFromBits)));
            return;
        }

        _il.Emit(OpCodes.Ldc_R4, BitConverter.Int32BitsToSingle(bits));
    }

    private void EmitDoubleConstant(long bits) => _il.Emit(OpCodes.Ldc_R8, BitConverter.Int64BitsToDouble(bits));

    private void Unary(ValueKind result, params ReadOnlySpan<OpCode> opcodes)
    {
        Consume(1);
        foreach (var opcode in opcodes)
        {
            _il.Emit(opcode);
        }

        Push(result);
    }

    private void UnaryCall(ValueKind result, MethodInfo method)
    {
        Consume(1);
        _il.Emit(OpCodes.Call, method);
        Push(result);
    }

    private void Binary(ValueKind result, params ReadOnlySpan<OpCode> opcodes)
    {
        Consume(2);
        foreach (var opcode in opcodes)
        {
            _il.Emit(opcode);
        }

        Push(result);
    }

    private void Shift(ValueKind kind, OpCode shift)
    {
        Consume(2);
        if (kind == ValueKind.I64)
        {
            _il.Emit(OpCodes.Conv_I4);
            _il.Emit(OpCodes.Ldc_I4, 63);
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I4, 31);
        }

        _il.Emit(OpCodes.And);
        _il.Emit(shift);
        Push(kind);
    }
}

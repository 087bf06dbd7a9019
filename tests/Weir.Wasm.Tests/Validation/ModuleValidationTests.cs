using Weir.Wasm.Decoding;
using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;
using Weir.Wasm.Validation;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Validation;

public sealed class ModuleValidationTests
{
    private const ValueKind I32 = ValueKind.I32;

    private static void Validate(byte[] binary) => ModuleValidator.Validate(ModuleDecoder.Decode(binary));

    private static WasmValidationException Invalid(byte[] binary) =>
        FluentActions.Invoking(() => Validate(binary)).Should().Throw<WasmValidationException>().Which;

    private static WasmValidationException Invalid(WasmBinaryBuilder builder) => Invalid(builder.Build());

    private static void Valid(WasmBinaryBuilder builder) => FluentActions.Invoking(() => Validate(builder.Build())).Should().NotThrow();

    [Fact]
    public void Validate_FunctionWithUnknownType_ReportsUnknownType()
    {
        var binary = Module(Section(1, [0x01, 0x60, 0x00, 0x00]), Section(3, [0x01, 0x03]), Section(10, [0x01, 0x02, 0x00, 0x0B]));

        var error = Invalid(binary);

        error.Reason.Should().Be("unknown type 3");
        error.Offset.Should().Be(17);
        error.FunctionIndex.Should().Be(-1);
    }

    [Fact]
    public void Validate_ImportedFunctionWithUnknownType_ReportsUnknownType()
    {
        Invalid(new WasmBinaryBuilder().ImportFunction("env", "f", 0)).Reason.Should().Be("unknown type 0");
    }

    [Theory]
    [InlineData(65537u, null)]
    [InlineData(1u, 65537u)]
    public void Validate_MemoryBeyond4GiB_IsReported(uint minimum, uint? maximum)
    {
        Invalid(new WasmBinaryBuilder().AddMemory(minimum, maximum)).Reason.Should().Be("memory size must be at most 65536 pages (4GiB)");
    }

    [Fact]
    public void Validate_MemoryOfExactly4GiB_IsValid()
    {
        Valid(new WasmBinaryBuilder().AddMemory(65536, 65536));
    }

    [Fact]
    public void Validate_LimitsWithMinimumAboveMaximum_AreReported()
    {
        Invalid(new WasmBinaryBuilder().AddMemory(2, 1)).Reason.Should().Be("size minimum must not be greater than maximum");
        Invalid(new WasmBinaryBuilder().AddTable(ValueKind.FuncRef, 2, 1)).Reason.Should().Be("size minimum must not be greater than maximum");
        Invalid(new WasmBinaryBuilder().ImportMemory("env", "m", 3, 2)).Reason.Should().Be("size minimum must not be greater than maximum");
    }

    [Fact]
    public void Validate_TwoMemories_ReportsMultipleMemories()
    {
        Invalid(new WasmBinaryBuilder().AddMemory(1).AddMemory(1)).Reason.Should().Be("multiple memories");
        Invalid(new WasmBinaryBuilder().ImportMemory("env", "m", 1).AddMemory(1)).Reason.Should().Be("multiple memories");
    }

    [Fact]
    public void Validate_SeveralTables_AreValid()
    {
        Valid(new WasmBinaryBuilder().AddTable(ValueKind.FuncRef, 1).AddTable(ValueKind.ExternRef, 0).ImportTable("env", "t", ValueKind.FuncRef, 0));
    }

    [Fact]
    public void Validate_GlobalInitializedByArithmetic_ReportsConstantExpressionRequired()
    {
        var error = Invalid(new WasmBinaryBuilder().AddGlobal(I32, false, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B));

        error.Reason.Should().StartWith("constant expression required");
        error.Offset.Should().Be(17);
    }

    [Fact]
    public void Validate_GlobalInitializedFromImportedGlobals_AcceptsOnlyImmutableOnes()
    {
        Valid(new WasmBinaryBuilder().ImportGlobal("env", "g", I32, mutable: false).AddGlobal(I32, false, 0x23, 0x00, 0x0B));
        Invalid(new WasmBinaryBuilder().ImportGlobal("env", "g", I32, mutable: true).AddGlobal(I32, false, 0x23, 0x00, 0x0B))
            .Reason.Should().StartWith("constant expression required");
    }

    [Fact]
    public void Validate_GlobalInitializedFromADefinedGlobal_ReportsUnknownGlobal()
    {
        var builder = new WasmBinaryBuilder().AddGlobal(I32, false, 0x41, 0x00, 0x0B).AddGlobal(I32, false, 0x23, 0x00, 0x0B);

        Invalid(builder).Reason.Should().Be("unknown global 0");
    }

    [Theory]
    [InlineData(new byte[] { 0x42, 0x00, 0x0B })]             // i64.const
    [InlineData(new byte[] { 0x0B })]                         // nothing
    [InlineData(new byte[] { 0x41, 0x00, 0x41, 0x00, 0x0B })] // two values
    public void Validate_GlobalInitializerNotProducingOneI32_ReportsTypeMismatch(byte[] initializer)
    {
        Invalid(new WasmBinaryBuilder().AddGlobal(I32, false, initializer)).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_ReferenceGlobals_AcceptRefNullAndRefFunc()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddFunction(type, [0x0B]);
        builder.AddGlobal(ValueKind.FuncRef, false, 0xD2, 0x00, 0x0B).AddGlobal(ValueKind.ExternRef, true, 0xD0, 0x6F, 0x0B);

        Valid(builder);
        Invalid(new WasmBinaryBuilder().AddGlobal(ValueKind.FuncRef, false, 0xD2, 0x00, 0x0B)).Reason.Should().Be("unknown function 0");
    }

    [Fact]
    public void Validate_ActiveElementSegments_CheckTableTypeAndOffset()
    {
        static WasmBinaryBuilder OneFunction()
        {
            var builder = new WasmBinaryBuilder();
            var type = builder.AddType([], []);
            builder.AddFunction(type, [0x0B]);
            return builder;
        }

        Invalid(OneFunction().AddElement(0x00, 0x41, 0x00, 0x0B, 0x01, 0x00)).Reason.Should().Be("unknown table 0");
        Invalid(OneFunction().AddTable(ValueKind.ExternRef, 1).AddElement(0x00, 0x41, 0x00, 0x0B, 0x01, 0x00)).Reason.Should().StartWith("type mismatch");
        Invalid(OneFunction().AddTable(ValueKind.FuncRef, 1).AddElement(0x00, 0x42, 0x00, 0x0B, 0x01, 0x00)).Reason.Should().StartWith("type mismatch");
        Valid(OneFunction().AddTable(ValueKind.FuncRef, 1).AddElement(0x00, 0x41, 0x00, 0x0B, 0x01, 0x00));
    }

    [Fact]
    public void Validate_ElementItemsOfTheWrongReferenceType_ReportTypeMismatch()
    {
        // Passive funcref segment holding ref.null extern.
        Invalid(new WasmBinaryBuilder().AddElement(0x05, 0x70, 0x01, 0xD0, 0x6F, 0x0B)).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_ElementItemNamingAMissingFunction_ReportsUnknownFunction()
    {
        Invalid(new WasmBinaryBuilder().AddElement(0x01, 0x00, 0x01, 0x04)).Reason.Should().Be("unknown function 4");
    }

    [Fact]
    public void Validate_ActiveDataSegments_CheckMemoryAndOffset()
    {
        Invalid(new WasmBinaryBuilder().AddData(0x00, 0x41, 0x00, 0x0B, 0x00)).Reason.Should().Be("unknown memory 0");
        Invalid(new WasmBinaryBuilder().AddMemory(1).AddData(0x02, 0x01, 0x41, 0x00, 0x0B, 0x00)).Reason.Should().Be("unknown memory 1");
        Invalid(new WasmBinaryBuilder().AddMemory(1).AddData(0x00, 0x42, 0x00, 0x0B, 0x00)).Reason.Should().StartWith("type mismatch");
        Valid(new WasmBinaryBuilder().AddMemory(1).AddData(0x00, 0x41, 0x00, 0x0B, 0x00).AddData(0x01, 0x00));
    }

    [Fact]
    public void Validate_StartFunctionWithParameters_IsReported()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([I32], []);
        builder.AddFunction(type, [0x0B]);
        builder.Start(0);

        Invalid(builder).Reason.Should().StartWith("start function");
        Invalid(new WasmBinaryBuilder().Start(0)).Reason.Should().Be("unknown function 0");
    }

    [Fact]
    public void Validate_DuplicateExportName_IsReportedAtTheSecondExport()
    {
        var builder = new WasmBinaryBuilder().AddMemory(1).AddExport("x", ExternalKind.Memory, 0).AddExport("x", ExternalKind.Memory, 0);
        var binary = builder.Build();

        var error = Invalid(binary);

        error.Reason.Should().StartWith("duplicate export name");
        // Header 8, memory section 5, export section id, size and count 3, first export 4.
        error.Offset.Should().Be(20);
    }

    [Theory]
    [InlineData(ExternalKind.Function, "unknown function 0")]
    [InlineData(ExternalKind.Table, "unknown table 0")]
    [InlineData(ExternalKind.Memory, "unknown memory 0")]
    [InlineData(ExternalKind.Global, "unknown global 0")]
    public void Validate_ExportOfAMissingItem_ReportsTheIndexSpace(ExternalKind kind, string reason)
    {
        Invalid(new WasmBinaryBuilder().AddExport("x", kind, 0)).Reason.Should().Be(reason);
    }

    [Fact]
    public void Validate_RefFuncInCode_NeedsTheFunctionDeclaredOutsideFunctions()
    {
        static WasmBinaryBuilder WithRefFunc()
        {
            var builder = new WasmBinaryBuilder();
            var type = builder.AddType([], []);
            builder.AddFunction(type, [0xD2, 0x00, 0x1A, 0x0B]);
            return builder;
        }

        Invalid(WithRefFunc()).Reason.Should().Be("undeclared function reference");
        Valid(WithRefFunc().AddExport("f", ExternalKind.Function, 0));
        Valid(WithRefFunc().AddElement(0x03, 0x00, 0x01, 0x00));
        Valid(WithRefFunc().AddGlobal(ValueKind.FuncRef, false, 0xD2, 0x00, 0x0B));
    }

    [Fact]
    public void Validate_ModuleUsingEveryFeatureArea_Passes()
    {
        var builder = new WasmBinaryBuilder();
        var run = builder.AddType([I32], [I32, ValueKind.I64]);
        var unit = builder.AddType([], []);
        builder.ImportFunction("env", "log", unit)
            .ImportGlobal("env", "base", I32, mutable: false)
            .AddTable(ValueKind.FuncRef, 2, 10)
            .AddMemory(1, 2)
            .AddGlobal(I32, true, 0x23, 0x00, 0x0B)
            .AddExport("run", ExternalKind.Function, 1)
            .AddExport("memory", ExternalKind.Memory, 0)
            .AddElement(0x00, 0x23, 0x00, 0x0B, 0x02, 0x00, 0x01)
            .AddData(0x01, 0x03, 0x61, 0x62, 0x63)
            .DataCount(1);
        // local.get 0, i32.const 1, i32.add, global.set 1, global.get 1,
        // i32.const 0, i32.const 0, i32.const 3, memory.init 0, data.drop 0,
        // i32.const 0, call_indirect (type unit) table 0, call 0,
        // local.get 0, i64.extend_i32_u, end
        builder.AddFunction(run, [
            0x20, 0x00, 0x41, 0x01, 0x6A, 0x24, 0x01, 0x23, 0x01,
            0x41, 0x00, 0x41, 0x00, 0x41, 0x03, 0xFC, 0x08, 0x00, 0x00, 0xFC, 0x09, 0x00,
            0x41, 0x00, 0x11, (byte)unit, 0x00, 0x10, 0x00,
            0x20, 0x00, 0xAD, 0x0B,
        ]);

        Valid(builder);
    }
}

using Weir.Wasm.Decoding;
using Weir.Wasm.Instructions;
using Weir.Wasm.Model;

namespace Weir.Wasm.Validation;

/// <summary>
/// Decodes every function body without type-checking it. The spec decodes a whole module before
/// validating it, so a malformed body must win over a validation error found earlier; this scan
/// runs only when validation fails (or hits <c>memory.init</c> without a data count section) to
/// settle which error to report.
/// </summary>
internal static class CodeStructureScanner
{
    public const string DataCountRequired = "data count section required";

    /// <summary>Throws <see cref="WasmMalformedException"/> for the first malformed body, if any.</summary>
    public static void ThrowIfMalformed(ModuleDefinition module)
    {
        var binary = module.Binary.Span;
        var hasMemory = module.Memories.Length > 0 || module.Imports.Any(i => i.Kind == ExternalKind.Memory);
        var firstDataUse = -1;
        var instruction = default(Instruction);
        foreach (var body in module.Bodies)
        {
            if (body.CodeOffset < 0 || body.CodeLength < 0 || body.CodeOffset > binary.Length - body.CodeLength)
            {
                throw new WasmMalformedException("section size mismatch", Math.Clamp(body.CodeOffset, 0, binary.Length));
            }

            var reader = new InstructionReader(binary[body.CodeOffset..], body.CodeOffset);
            var nesting = default(BlockNesting);
            while (true)
            {
                reader.Read(ref instruction);
                // Uses naming a missing segment or memory are invalid anyway; the validator reports
                // them as such (see FunctionValidator.RequireDataCount).
                if (firstDataUse < 0
                    && instruction.Opcode is Opcode.MemoryInit or Opcode.DataDrop
                    && instruction.Index < (uint)module.Data.Length
                    && (hasMemory || instruction.Opcode == Opcode.DataDrop))
                {
                    firstDataUse = instruction.Offset;
                }

                if (nesting.Track(instruction))
                {
                    break;
                }
            }

            if (reader.Offset != body.CodeOffset + body.CodeLength)
            {
                throw new WasmMalformedException("section size mismatch", body.CodeOffset);
            }
        }

        if (firstDataUse >= 0 && module.DataCount is null)
        {
            throw new WasmMalformedException(DataCountRequired, firstDataUse);
        }
    }
}

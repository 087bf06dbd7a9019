namespace Weir.Wasm.Tests.Numerics.SpecSuite;

/// <summary>A function body's instruction bytes and the kinds of all its locals, parameters first.</summary>
internal sealed record FunctionCode(ReadOnlyMemory<byte> Code, ValueKind[] Locals);

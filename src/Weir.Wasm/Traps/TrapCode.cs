namespace Weir.Wasm;

/// <summary>Why a WebAssembly guest was stopped.</summary>
public enum TrapCode
{
    /// <summary>The guest executed <c>unreachable</c>.</summary>
    Unreachable,
    /// <summary>A load, store or bulk memory operation touched bytes outside the linear memory.</summary>
    MemoryOutOfBounds,
    /// <summary>A table access or bulk table operation was outside the table.</summary>
    TableOutOfBounds,
    /// <summary><c>call_indirect</c> found a null reference in the table.</summary>
    IndirectCallToNull,
    /// <summary><c>call_indirect</c> found a function whose type differs from the expected one.</summary>
    SignatureMismatch,
    /// <summary>Signed division overflowed (the minimum value divided by -1).</summary>
    IntegerOverflow,
    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivideByZero,
    /// <summary>A float-to-integer conversion got NaN (values out of range give <see cref="IntegerOverflow"/>, as the spec says).</summary>
    InvalidConversionToInteger,
    /// <summary>The guest used more call stack than the store allows.</summary>
    StackExhausted,
    /// <summary>The guest consumed all the fuel the store gave it.</summary>
    OutOfFuel,
    /// <summary>The store's wall-clock deadline passed, or the host interrupted the guest.</summary>
    Deadline,
    /// <summary>A store limit (memory bytes, table elements) would be exceeded.</summary>
    ResourceLimitExceeded,
    /// <summary>A host function failed; the inner exception says why.</summary>
    HostError,
}

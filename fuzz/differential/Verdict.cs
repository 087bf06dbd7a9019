namespace Weir.Fuzz.Differential;

/// <summary>
/// The comparison's result. <see cref="Signature"/> names the kind of difference without details
/// that change as a module is reduced (export names, values), so reduction can keep it stable.
/// </summary>
internal sealed record Verdict(VerdictKind Kind, string Signature, string Detail)
{
    public static Verdict Same { get; } = new(VerdictKind.Same, "same", "the engines agree");

    public static Verdict Explained(string signature, string detail) => new(VerdictKind.Explained, signature, detail);

    public static Verdict Different(string signature, string detail) => new(VerdictKind.Different, signature, detail);

    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}: {Signature} ({Detail})";
}

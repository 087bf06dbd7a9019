using Weir.Wasm;

namespace Weir.Cli.SpecTests;

/// <summary>One expected result of an action, as an <c>assert_return</c> states it.</summary>
internal abstract class ExpectedValue
{
    protected ExpectedValue(ValueKind kind)
    {
        Kind = kind;
    }

    public ValueKind Kind { get; }

    /// <summary>Whether <paramref name="actual"/> is of the expected type and satisfies the expectation.</summary>
    public bool Matches(Value actual) => actual.Kind == Kind && MatchesSameKind(actual);

    /// <summary>Renders <paramref name="actual"/> the way this expectation is written, so the two read side by side.</summary>
    public virtual string Describe(Value actual) => SpecValueText.Format(actual);

    protected abstract bool MatchesSameKind(Value actual);
}

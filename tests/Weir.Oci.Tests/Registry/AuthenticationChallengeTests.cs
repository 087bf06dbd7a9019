using Weir.Oci.Registry.Authentication;

namespace Weir.Oci.Tests.Registry;

public sealed class AuthenticationChallengeTests
{
    [Fact]
    public void Parse_BearerChallenge_ReadsRealmServiceAndScopeWithCommas()
    {
        var challenge = AuthenticationChallenge.Parse("Bearer realm=\"https://hub.example/token\",service=\"hub.example\",scope=\"repository:team/add-header:pull,push\"").Single();

        challenge.IsBearer.Should().BeTrue();
        challenge.Realm.Should().Be("https://hub.example/token");
        challenge.Service.Should().Be("hub.example");
        challenge.Scope.Should().Be("repository:team/add-header:pull,push");
        challenge.Error.Should().BeNull();
    }

    [Fact]
    public void Parse_InsufficientScope_ReadsError()
    {
        AuthenticationChallenge.Parse("Bearer realm=\"r\", error=\"insufficient_scope\", scope=\"repository:a:push\"").Single().Error.Should().Be("insufficient_scope");
    }

    [Fact]
    public void Parse_TwoChallengesInOneHeader_ReturnsBoth()
    {
        var challenges = AuthenticationChallenge.Parse("Basic realm=\"basic-realm\", Bearer realm=\"https://t/token\",service=\"s\"");

        challenges.Select(challenge => challenge.Scheme).Should().Equal("Basic", "Bearer");
        challenges[0].Realm.Should().Be("basic-realm");
        challenges[1].Service.Should().Be("s");
    }

    [Fact]
    public void Parse_EscapedQuoteAndUnquotedValue_AreDecoded()
    {
        var challenge = AuthenticationChallenge.Parse("Bearer realm=\"a\\\"b\",service=plain").Single();

        challenge.Realm.Should().Be("a\"b");
        challenge.Service.Should().Be("plain");
    }
}

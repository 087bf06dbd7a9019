using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Auth;

public sealed class RegistryTokenCodecTests
{
    private static readonly ResourceAccess[] Access = [new("repository", "alice/filter", ["pull"])];

    [Fact]
    public void Verify_IssuedToken_ReturnsItsClaims()
    {
        using var directory = new TemporaryDirectory();
        var codec = new RegistryTokenCodec(TokenSigningKey.LoadOrCreate(Path.Combine(directory.Path, "key")), TimeProvider.System);

        var claims = codec.Verify(codec.Issue("alice", Access, TimeSpan.FromMinutes(5), out _));

        claims.Should().NotBeNull();
        claims!.Subject.Should().Be("alice");
        claims.ScopesFor("alice/filter").Should().Be(AccessScopes.Pull);
        claims.ScopesFor("alice/other").Should().Be(AccessScopes.None);
    }

    [Fact]
    public void Verify_AfterExpiry_ReturnsNull()
    {
        using var directory = new TemporaryDirectory();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var codec = new RegistryTokenCodec(TokenSigningKey.LoadOrCreate(Path.Combine(directory.Path, "key")), clock);
        var token = codec.Issue("alice", Access, TimeSpan.FromMinutes(5), out _);
        codec.Verify(token).Should().NotBeNull();

        clock.Advance(TimeSpan.FromMinutes(6));

        codec.Verify(token).Should().BeNull();
    }

    [Fact]
    public void Verify_TokenFromAnotherHubsKey_ReturnsNull()
    {
        using var directory = new TemporaryDirectory();
        var ours = new RegistryTokenCodec(TokenSigningKey.LoadOrCreate(Path.Combine(directory.Path, "ours")), TimeProvider.System);
        var theirs = new RegistryTokenCodec(TokenSigningKey.LoadOrCreate(Path.Combine(directory.Path, "theirs")), TimeProvider.System);

        ours.Verify(theirs.Issue("alice", Access, TimeSpan.FromMinutes(5), out _)).Should().BeNull();
    }

    [Fact]
    public void Verify_TamperedPayload_ReturnsNull()
    {
        using var directory = new TemporaryDirectory();
        var codec = new RegistryTokenCodec(TokenSigningKey.LoadOrCreate(Path.Combine(directory.Path, "key")), TimeProvider.System);
        var parts = codec.Issue("alice", Access, TimeSpan.FromMinutes(5), out _).Split('.');
        var forged = codec.Issue("mallory", [new ResourceAccess("repository", "alice/filter", ["pull", "push"])], TimeSpan.FromMinutes(5), out _).Split('.');

        codec.Verify($"{parts[0]}.{forged[1]}.{parts[2]}").Should().BeNull();
    }

    [Fact]
    public void SigningKey_IsKeptAcrossLoadsWithOwnerOnlyPermissions()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "keys", "token-signing.key");

        var first = TokenSigningKey.LoadOrCreate(path);
        var second = TokenSigningKey.LoadOrCreate(path);

        second.Key.Should().Equal(first.Key);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Theory]
    [InlineData("repository:alice/filter:pull,push", "repository", "alice/filter", "pull,push")]
    [InlineData("repository:127.0.0.1:5000/alice/filter:pull", "repository", "127.0.0.1:5000/alice/filter", "pull")]
    [InlineData("repository(plugin):alice/filter:pull", "repository", "alice/filter", "pull")]
    [InlineData("registry:catalog:*", "registry", "catalog", "*")]
    public void ResourceAccess_Parse_SplitsTypeNameAndActions(string scope, string type, string name, string actions)
    {
        var parsed = ResourceAccess.Parse(scope);

        parsed.Should().NotBeNull();
        parsed!.Type.Should().Be(type);
        parsed.Name.Should().Be(name);
        string.Join(",", parsed.Actions).Should().Be(actions);
    }
}

using System.Text;
using Weir.Oci.Registry.Authentication;
using Weir.Oci.Tests.Support;

namespace Weir.Oci.Tests.Registry;

[Collection(EnvironmentCollection.Name)]
public sealed class CredentialStoreTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Save_WritesDockerFormatWithMode0600()
    {
        var file = directory.Combine("config", "config.json");
        var store = new CredentialStore(file);

        store.Save("127.0.0.1:5000", "dev", "devpass");

        File.ReadAllText(file).Should().Contain("\"127.0.0.1:5000\":{\"auth\":\"ZGV2OmRldnBhc3M=\"}");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        store.Resolve("127.0.0.1:5000").Should().BeEquivalentTo(new { Username = "dev", Password = "devpass" });
    }

    [Fact]
    public void Save_SecondRegistry_KeepsTheFirst()
    {
        var store = new CredentialStore(directory.Combine("config.json"));
        store.Save("a.example", "u1", "p1");
        store.Save("b.example", "u2", "p2");

        store.Resolve("a.example")!.Username.Should().Be("u1");
        store.Resolve("b.example")!.Username.Should().Be("u2");
        store.Remove("a.example").Should().BeTrue();
        store.Resolve("a.example").Should().BeNull();
    }

    [Fact]
    public void Resolve_WeirFileWinsOverDockerConfig()
    {
        var docker = directory.Combine("docker.json");
        File.WriteAllText(docker, """{"auths":{"hub.example":{"auth":"ZG9ja2VyOnB3"}}}""");
        var store = new CredentialStore(directory.Combine("weir.json"), docker);
        store.Resolve("hub.example")!.Username.Should().Be("docker");

        store.Save("hub.example", "weir", "pw");

        store.Resolve("hub.example")!.Username.Should().Be("weir");
    }

    [Fact]
    public void Resolve_DockerKeysWithSchemeAndOtherEntryShapes_AreUnderstood()
    {
        var docker = directory.Combine("docker.json");
        File.WriteAllText(docker, """
            {"auths":{
              "https://hub.example/v1/":{"auth":"dXNlcjpwYTpzcw=="},
              "plain.example":{"username":"u","password":"p"},
              "token.example":{"identitytoken":"refresh-me"},
              "https://index.docker.io/v1/":{"auth":"aHViOmh1YnB3"}
            }}
            """);
        var store = new CredentialStore(directory.Combine("weir.json"), docker);

        store.Resolve("hub.example").Should().BeEquivalentTo(new { Username = "user", Password = "pa:ss" }, "only the first colon separates user and password");
        store.Resolve("plain.example").Should().BeEquivalentTo(new { Username = "u", Password = "p" });
        store.Resolve("token.example")!.IdentityToken.Should().Be("refresh-me");
        store.Resolve("docker.io")!.Username.Should().Be("hub");
        store.Resolve("unknown.example").Should().BeNull();
    }

    [Fact]
    public void Resolve_NamespacedContainersAuthKeys_MostSpecificWins()
    {
        var auth = directory.Combine("auth.json");
        File.WriteAllText(auth, """{"auths":{"hub.example":{"auth":"YWxsOnB3"},"hub.example/team":{"auth":"dGVhbTpwdw=="},"hub.example/team/one":{"auth":"b25lOnB3"}}}""");
        var store = new CredentialStore(directory.Combine("weir.json"), null, [auth]);

        store.Resolve("hub.example", "team/one")!.Username.Should().Be("one");
        store.Resolve("hub.example", "team/two")!.Username.Should().Be("team");
        store.Resolve("hub.example", "other/x")!.Username.Should().Be("all");
        store.Resolve("hub.example", "teamster/x")!.Username.Should().Be("all", "a namespace matches whole path components only");
    }

    [Fact]
    public void Resolve_MissingHelperProgram_FallsBackToAuths()
    {
        var docker = directory.Combine("docker.json");
        File.WriteAllText(docker, """{"credsStore":"weir-test-not-installed","auths":{"hub.example":{"auth":"ZGV2OmRldnBhc3M="}}}""");

        new CredentialStore(directory.Combine("weir.json"), docker).Resolve("hub.example")!.Username.Should().Be("dev");
    }

    [Fact]
    public void Resolve_CredentialHelper_IsAskedWithTheServerUrl()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var bin = directory.Combine("bin");
        Directory.CreateDirectory(bin);
        var helper = Path.Combine(bin, "docker-credential-weirtest");
        File.WriteAllText(helper, "#!/bin/sh\nread url\necho \"{\\\"ServerURL\\\":\\\"$url\\\",\\\"Username\\\":\\\"helper-user\\\",\\\"Secret\\\":\\\"s3cret-for-$url\\\"}\"\n");
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var docker = directory.Combine("docker.json");
        File.WriteAllText(docker, """{"credHelpers":{"hub.example":"weirtest"},"auths":{"hub.example":{"auth":"ZGV2OmRldnBhc3M="}}}""");
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + path);
        try
        {
            var credential = new CredentialStore(directory.Combine("weir.json"), docker).Resolve("hub.example");

            credential.Should().BeEquivalentTo(new { Username = "helper-user", Password = "s3cret-for-hub.example" });
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Fact]
    public void CreateDefault_HonoursDockerConfigAndWeirHome()
    {
        var docker = directory.Combine("docker");
        Directory.CreateDirectory(docker);
        File.WriteAllText(Path.Combine(docker, "config.json"), """{"auths":{"hub.example":{"auth":"ZGV2OmRldnBhc3M="}}}""");
        using var environment = new EnvironmentScope(("DOCKER_CONFIG", docker), ("WEIR_HOME", directory.Combine("weir")), ("REGISTRY_AUTH_FILE", null), ("XDG_RUNTIME_DIR", null));

        var store = CredentialStore.CreateDefault();

        store.DockerConfigFile.Should().Be(Path.Combine(docker, "config.json"));
        store.WeirCredentialsFile.Should().Be(directory.Combine("weir", "config.json"));
        store.Resolve("hub.example")!.Password.Should().Be("devpass");
    }

    [Fact]
    public void Resolve_CorruptFile_FailsNamingIt()
    {
        var file = directory.Combine("weir.json");
        File.WriteAllText(file, "{not json", Encoding.UTF8);
        var resolve = () => new CredentialStore(file).Resolve("hub.example");
        resolve.Should().Throw<InvalidDataException>().WithMessage($"*{file}*");
    }
}

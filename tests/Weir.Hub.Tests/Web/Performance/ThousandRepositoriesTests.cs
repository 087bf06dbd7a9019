using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Weir.Hub.Auth;
using Weir.Hub.Hosting;
using Weir.Hub.Metadata;
using Weir.Hub.Tests.Support;
using Weir.Hub.Tests.Web.Support;
using Xunit.Abstractions;

namespace Weir.Hub.Tests.Web.Performance;

/// <summary>
/// A hub seeded with 1,000 repositories (a fifth of them private) answers search in under 50 ms and the home
/// page in under 100 ms of server time (the pages' Server-Timing header), median of 20 requests, on SQLite
/// and on PostgreSQL; and what it lists never includes a private repository of someone else.
/// </summary>
public sealed partial class ThousandRepositoriesTests
{
    private const int Repositories = 1000;
    private const int Owners = 20;
    private const int Samples = 20;
    private static readonly string[] Topics = ["auth", "header", "rate-limit", "cache", "cors", "jwt", "logging", "metrics", "retry", "rewrite"];
    private static readonly string[] Queries = ["auth", "header", "filter-4", "v0.2", "rate-limit", "owner7", "jwt tokens", "cache", "metrics", "0.1.0"];

    private readonly ITestOutputHelper output;

    public ThousandRepositoriesTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task SearchAndHome_ThousandRepositoriesOnSqlite_AnswerWithinTheirBudgets()
    {
        await using var web = await WebHub.StartAsync();
        await MeasureAsync(web, "SQLite");
    }

    [PostgresFact]
    public async Task SearchAndHome_ThousandRepositoriesOnPostgres_AnswerWithinTheirBudgets()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var url = $"{PostgresTestDatabase.Url!.TrimEnd('/')}{(PostgresTestDatabase.Url!.Contains('?', StringComparison.Ordinal) ? "&" : "?")}search_path={database.Schema}";
        await using var web = await WebHub.StartAsync(options => options.DatabaseUrl = url);
        await MeasureAsync(web, "PostgreSQL");
    }

    private async Task MeasureAsync(WebHub web, string database)
    {
        await web.IndexedAsync();
        var publicCount = await SeedAsync(web.Hub.Metadata);
        using var anonymous = web.Browser();
        using var owner = await web.SignedInAsync("owner3", AccessScopes.Pull);

        foreach (var (who, browser) in new[] { ("anonymous", anonymous), ("owner3", owner) })
        {
            // Warm up: the first requests pay for JIT compilation and prepared statements.
            for (var index = 0; index < 3; index++)
            {
                await ServerTimeAsync(browser, "/search?q=auth");
                await ServerTimeAsync(browser, "/");
            }

            var search = new List<double>();
            for (var index = 0; index < Samples; index++)
            {
                search.Add(await ServerTimeAsync(browser, "/search?q=" + Uri.EscapeDataString(Queries[index % Queries.Length])));
            }

            var home = new List<double>();
            for (var index = 0; index < Samples; index++)
            {
                home.Add(await ServerTimeAsync(browser, "/"));
            }

            output.WriteLine($"{database}, {who}: search median {Median(search):0.0} ms (max {search.Max():0.0}), home median {Median(home):0.0} ms (max {home.Max():0.0})");
            Median(search).Should().BeLessThan(50, $"search on {database} for {who} must answer in under 50 ms of server time");
            Median(home).Should().BeLessThan(100, $"the home page on {database} for {who} must answer in under 100 ms of server time");
        }

        // The counts match what each viewer may see: all public ones, plus owner3's own private ones.
        var everything = WebHub.Text((await anonymous.GetAsync("/")).Html);
        everything.Should().Contain($"{publicCount.ToString("N0", CultureInfo.InvariantCulture)} modules in public repositories");
        var ownersPrivate = Enumerable.Range(0, Repositories).Count(index => index % Owners == 3 && IsPrivate(index));
        WebHub.Text((await owner.GetAsync("/")).Html).Should().Contain($"{(publicCount + ownersPrivate).ToString("N0", CultureInfo.InvariantCulture)} modules you can see");
        var (status, page, _) = await anonymous.GetAsync("/search?q=filter");
        status.Should().Be(HttpStatusCode.OK);
        WebHub.Text(page).Should().Contain($"{publicCount.ToString("N0", CultureInfo.InvariantCulture)} modules match");
        PrivateName().IsMatch(page).Should().BeFalse("no private repository is listed to anonymous visitors");
    }

    /// <summary>Writes the repositories straight into the store (pushing 1,000 modules over HTTP would dominate the test's time); returns how many are public.</summary>
    private static async Task<int> SeedAsync(IMetadataStore metadata)
    {
        var now = DateTimeOffset.UtcNow.AddDays(-30);
        var owners = new List<UserRecord>();
        for (var index = 0; index < Owners; index++)
        {
            owners.Add((await metadata.EnsureUserAsync($"owner{index}", now, CancellationToken.None)).User);
        }

        var config = Encoding.UTF8.GetBytes("{}");
        var publicCount = 0;
        for (var index = 0; index < Repositories; index++)
        {
            var topic = Topics[index % Topics.Length];
            var isPrivate = IsPrivate(index);
            publicCount += isPrivate ? 0 : 1;
            var name = $"owner{index % Owners}/{(isPrivate ? "private" : "public")}-{topic}-filter-{index}";
            var repository = new NewRepository(name, owners[index % Owners].Id, null, !isPrivate);
            var layer = Encoding.UTF8.GetBytes($"module {index}");
            var pushed = now.AddMinutes(index);
            var record = await metadata.LinkBlobAsync(repository, TestHub.DigestOf(config), config.Length, pushed, CancellationToken.None);
            await metadata.LinkBlobAsync(repository, TestHub.DigestOf(layer), layer.Length, pushed, CancellationToken.None);
            var manifest = OciContent.Manifest(config, [layer]);
            await metadata.PutManifestAsync(
                repository,
                new ManifestWrite(TestHub.DigestOf(manifest), OciContent.ManifestType, null, null, manifest, null, [new(TestHub.DigestOf(config), ManifestReferenceKind.Blob), new(TestHub.DigestOf(layer), ManifestReferenceKind.Blob)]),
                "v1",
                pushed,
                CancellationToken.None);
            var abi = index % 3 == 0 ? "v0.1.0" : "v0.2.1";
            await metadata.UpdateRepositoryProfileAsync(record.Id, new RepositoryProfile($"A {topic} filter for Envoy and Weir, number {index}, with JWT tokens and more words to index.", [abi]), pushed, CancellationToken.None);
            await metadata.UpdateRepositorySettingsAsync(record.Id, string.Empty, [topic, "envoy"], pushed, CancellationToken.None);
            if (index % 7 == 0)
            {
                var manifestRecord = await metadata.FindManifestByTagAsync(record.Id, "v1", false, CancellationToken.None);
                await metadata.AddDownloadsAsync([new DownloadCount(record.Id, manifestRecord!.Id, index)], CancellationToken.None);
            }
        }

        return publicCount;
    }

    private static bool IsPrivate(int index) => index % 5 == 0;

    private static async Task<double> ServerTimeAsync(BrowserSession browser, string path)
    {
        var (status, _, response) = await browser.GetAsync(path);
        status.Should().Be(HttpStatusCode.OK);
        var timing = response.Headers.GetValues("Server-Timing").Single();
        return double.Parse(timing["app;dur=".Length..], CultureInfo.InvariantCulture);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"owner\d+/private-")]
    private static partial Regex PrivateName();
}

using Weir.Hub.Metadata.Search;

namespace Weir.Hub.Tests.Web.Rendering;

public sealed class SearchTermsTests
{
    [Fact]
    public void ForRepository_IndexesWholeWordsTheirPartsAndAbiVersionsWithAndWithoutV()
    {
        var terms = SearchTerms.ForRepository("team/add-header_v2", "Adds a header.", "Rate-limiting (tokens)", ["auth"], ["v0.2.1"]);

        terms.Should().Contain(["team", "add-header_v2", "add", "v2", "adds", "a", "header", "rate-limiting", "rate", "limiting", "tokens", "auth", "v0.2.1", "0.2.1"]);
        terms.Should().NotContain(["header.", "(tokens)", "team/add-header_v2"]);
    }

    [Fact]
    public void ForQuery_LowercasesSplitsDeduplicatesAndCapsTheWords()
    {
        SearchTerms.ForQuery("  Auth  JWT, auth!  ").Should().Equal("auth", "jwt");
        SearchTerms.ForQuery("alice/add-header").Should().Equal("alice", "add-header");
        SearchTerms.ForQuery("!!! ???").Should().BeEmpty();
        SearchTerms.ForQuery(null).Should().BeEmpty();
        SearchTerms.ForQuery(string.Join(' ', Enumerable.Range(0, 20).Select(i => $"w{i}"))).Should().HaveCount(SearchTerms.MaxQueryTerms);
        SearchTerms.ForQuery(new string('a', 200)).Single().Should().HaveLength(SearchTerms.MaxTermLength);
    }

    [Fact]
    public void UpperBound_SortsAfterEveryWordWithThePrefix()
    {
        var bound = SearchTerms.UpperBound("add");

        foreach (var word in new[] { "add", "add-header", "add_z", "add.9", "addzzz" })
        {
            string.CompareOrdinal(word, bound).Should().BeNegative($"{word} is in the range");
        }

        string.CompareOrdinal("ade", bound).Should().BePositive();
    }

    [Fact]
    public void Labels_ParseNormalisesAndRejectsBadOnesWithTheReason()
    {
        RepositoryLabels.Parse("Auth, rate-limit  auth\nv0.2").Should().Equal("auth", "rate-limit", "v0.2");
        RepositoryLabels.Parse("  ").Should().BeEmpty();

        var slash = () => RepositoryLabels.Parse("good, bad/label");
        var tooMany = () => RepositoryLabels.Parse(string.Join(',', Enumerable.Range(0, 11).Select(i => $"l{i}")));
        var leadingDash = () => RepositoryLabels.Parse("-dash");

        slash.Should().Throw<FormatException>().WithMessage("'bad/label' is not a label*");
        tooMany.Should().Throw<FormatException>().WithMessage("A repository has at most 10 labels; 11 were given.");
        leadingDash.Should().Throw<FormatException>();
    }
}

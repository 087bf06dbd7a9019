using System.Collections.Immutable;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;

namespace Weir.Wasi.Tests.Descriptors;

public sealed class DescriptorTableTests
{
    [Fact]
    public void Add_AfterAClose_ReusesTheLowestFreeNumber()
    {
        var table = new DescriptorTable(10);
        var numbers = Enumerable.Range(0, 5).Select(_ => table.Add(Entry())).ToList();

        table.Close(2);

        numbers.Should().Equal(0, 1, 2, 3, 4);
        table.Add(Entry()).Should().Be(2);
        table.Add(Entry()).Should().Be(5);
    }

    [Fact]
    public void Add_BeyondTheMaximum_IsTooManyOpenFiles()
    {
        var table = new DescriptorTable(2);
        table.Add(Entry());
        table.Add(Entry());

        var add = () => table.Add(Entry());

        add.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.TooManyOpenFiles);
    }

    [Fact]
    public void Renumber_MovesTheDescriptorAndClosesTheTarget()
    {
        var table = new DescriptorTable(10);
        var first = Entry();
        table.Add(Entry());
        var from = table.Add(first);
        var to = table.Add(Entry());

        table.Renumber(from, to);

        table.Get(to).Should().BeSameAs(first);
        table.TryGet(from, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Get_UnknownNumber_IsBadDescriptor(int number)
    {
        var table = new DescriptorTable(10);
        table.Add(Entry());

        var get = () => table.Get(number);

        get.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.BadDescriptor);
    }

    [Fact]
    public void Require_MissingRight_IsBadDescriptor()
    {
        var entry = Entry();

        var require = () => entry.Require(Rights.FdWrite);

        require.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.BadDescriptor);
    }

    private static DirectoryDescriptor Entry() =>
        new(new Mount(Path.GetTempPath(), "/tmp", isReadOnly: true), ImmutableArray<string>.Empty, RightSets.DirectoryBase & ~RightSets.Mutating, Rights.None, preopenName: null);
}

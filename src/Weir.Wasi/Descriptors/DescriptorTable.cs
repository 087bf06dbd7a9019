using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>
/// One guest's descriptors. New descriptors take the lowest free number, so preopens are contiguous
/// from 3 as libc's discovery loop expects. Never shared between instances.
/// </summary>
internal sealed class DescriptorTable
{
    private readonly List<Descriptor?> _slots = [];
    private readonly int _maximum;
    private int _openCount;

    public DescriptorTable(int maximum)
    {
        _maximum = maximum;
    }

    public int Add(Descriptor descriptor)
    {
        if (_openCount >= _maximum)
        {
            throw new WasiErrorException(Errno.TooManyOpenFiles);
        }

        var number = _slots.IndexOf(null);
        if (number < 0)
        {
            number = _slots.Count;
            _slots.Add(descriptor);
        }
        else
        {
            _slots[number] = descriptor;
        }

        _openCount++;
        return number;
    }

    public Descriptor Get(int number)
    {
        if (number < 0 || number >= _slots.Count || _slots[number] is not { } descriptor)
        {
            throw new WasiErrorException(Errno.BadDescriptor);
        }

        return descriptor;
    }

    public bool TryGet(int number, out Descriptor? descriptor)
    {
        descriptor = number >= 0 && number < _slots.Count ? _slots[number] : null;
        return descriptor is not null;
    }

    /// <summary>The descriptor when it is a directory: BADF when there is none, NOTDIR when it is something else.</summary>
    public DirectoryDescriptor GetDirectory(int number) =>
        Get(number) as DirectoryDescriptor ?? throw new WasiErrorException(Errno.NotDirectory);

    public void Close(int number)
    {
        var descriptor = Get(number);
        _slots[number] = null;
        _openCount--;
        TrimFreeTail();
        descriptor.Close();
    }

    /// <summary>Moves <paramref name="from"/> onto <paramref name="to"/>, closing what <paramref name="to"/> held; both must be open.</summary>
    public void Renumber(int from, int to)
    {
        var moving = Get(from);
        var replaced = Get(to);
        if (from == to)
        {
            return;
        }

        _slots[to] = moving;
        _slots[from] = null;
        _openCount--;
        TrimFreeTail();
        replaced.Close();
    }

    public void CloseAll()
    {
        for (var i = 0; i < _slots.Count; i++)
        {
            var descriptor = _slots[i];
            _slots[i] = null;
            descriptor?.Close();
        }

        _slots.Clear();
        _openCount = 0;
    }

    private void TrimFreeTail()
    {
        while (_slots.Count > 0 && _slots[^1] is null)
        {
            _slots.RemoveAt(_slots.Count - 1);
        }
    }
}

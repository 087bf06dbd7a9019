using System.IO.Pipes;
using Weir.Wasi.Descriptors;

namespace Weir.Wasi.Tests.Descriptors;

public sealed class StandardInputReaderTests
{
    [Fact]
    public void IsReady_OnBytesGivenUpFront_ReportsExactlyWhatIsLeft()
    {
        using var reader = new StandardInputReader(new MemoryStream("hello"u8.ToArray()));
        var buffer = new byte[2];

        reader.Read(buffer).Should().Be(2);

        reader.IsReady(out var available).Should().BeTrue();
        available.Should().Be(3);
        reader.ReadyHandle.Should().BeNull("readiness of bytes in memory never needs a wait");
    }

    [Fact]
    public void IsReady_OnAPipeWithoutData_IsNotReadyUntilDataArrives()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var reader = new StandardInputReader(client);

        reader.IsReady(out _).Should().BeFalse("nothing was written yet");
        server.Write("late"u8);
        server.Flush();
        reader.ReadyHandle!.WaitOne(TimeSpan.FromSeconds(10)).Should().BeTrue();

        reader.IsReady(out var available).Should().BeTrue();
        available.Should().Be(4);
        var buffer = new byte[16];
        reader.Read(buffer).Should().Be(4);
        buffer[..4].Should().Equal("late"u8.ToArray());

        server.Dispose();
        reader.ReadyHandle!.WaitOne(TimeSpan.FromSeconds(10)).Should().BeTrue("the end of input is readiness too");
        reader.Read(buffer).Should().Be(0);
    }
}

using Weir.Wasi.Abi;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// clock_res_get, clock_time_get, sched_yield, random_get.
internal sealed partial class WasiFunctions
{
    public int ClockResGet(Caller caller, int clockId, int resultAddress)
    {
        try
        {
            var resolution = (ClockId)clockId switch
            {
                ClockId.Realtime => Configuration.Clock.RealtimeResolutionNanoseconds,
                ClockId.Monotonic => Configuration.Clock.MonotonicResolutionNanoseconds,
                _ => throw new WasiErrorException(Errno.InvalidArgument),
            };
            MemoryOf(caller).WriteUInt64((uint)resultAddress, Math.Max(1, resolution));
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int ClockTimeGet(Caller caller, int clockId, long precision, int resultAddress)
    {
        try
        {
            // The precision is a hint the host may ignore.
            _ = precision;
            MemoryOf(caller).WriteUInt64((uint)resultAddress, ReadClock((ClockId)clockId));
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public static int SchedYield()
    {
        Thread.Yield();
        return Success;
    }

    public int RandomGet(Caller caller, int bufferAddress, int length)
    {
        try
        {
            Configuration.Random.Fill(MemoryOf(caller).Slice((uint)bufferAddress, (uint)length));
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    private ulong ReadClock(ClockId clock) => clock switch
    {
        ClockId.Realtime => Configuration.Clock.GetRealtimeNanoseconds(),
        ClockId.Monotonic => Configuration.Clock.GetMonotonicNanoseconds(),
        _ => throw new WasiErrorException(Errno.InvalidArgument),
    };
}

using System.Buffers.Binary;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// poll_oneoff.
internal sealed partial class WasiFunctions
{
    private const int EventSize = 32;
    private const ushort AbsoluteTimeFlag = 0x1;
    private const ushort HangupFlag = 0x1;

    /// <summary>
    /// Waits until at least one subscription fires, then reports every one that has. Clock
    /// subscriptions fire when their time is reached; descriptor subscriptions on files and output
    /// streams are always ready; standard input is ready when a read would not block. Failures of
    /// single subscriptions go into their events. A wait cancelled by
    /// <see cref="WasiConfiguration.Cancellation"/> stops the guest with a deadline trap.
    /// </summary>
    public int PollOneoff(Caller caller, int subscriptionsAddress, int eventsAddress, int subscriptionCount, int resultAddress)
    {
        try
        {
            if (subscriptionCount <= 0)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            var memory = MemoryOf(caller);
            var subscriptionSize = Version == AbiVersion.Preview1 ? 48u : 56u;
            if ((ulong)(uint)subscriptionCount * subscriptionSize > uint.MaxValue)
            {
                throw new WasiErrorException(Errno.Fault);
            }

            var input = memory.Slice((uint)subscriptionsAddress, (uint)subscriptionCount * subscriptionSize);
            memory.Slice((uint)eventsAddress, (uint)subscriptionCount * EventSize);
            memory.Slice((uint)resultAddress, 4);
            var subscriptions = new Subscription[subscriptionCount];
            for (var i = 0; i < subscriptions.Length; i++)
            {
                subscriptions[i] = ParseSubscription(input.Slice(i * (int)subscriptionSize, (int)subscriptionSize));
            }

            var fired = WaitForEvents(subscriptions);

            // Spans are taken again after the wait: a memory's base can move when it grows, and
            // nothing should rely on no other host code having grown it meanwhile.
            memory = MemoryOf(caller);
            var events = memory.Slice((uint)eventsAddress, (uint)subscriptionCount * EventSize);
            events[..(fired.Count * EventSize)].Clear();
            for (var i = 0; i < fired.Count; i++)
            {
                var item = fired[i];
                var target = events.Slice(i * EventSize, EventSize);
                BinaryPrimitives.WriteUInt64LittleEndian(target, item.UserData);
                BinaryPrimitives.WriteUInt16LittleEndian(target[8..], (ushort)item.Error);
                target[10] = (byte)item.Type;
                BinaryPrimitives.WriteUInt64LittleEndian(target[16..], item.ByteCount);
                BinaryPrimitives.WriteUInt16LittleEndian(target[24..], item.Flags);
            }

            memory.WriteUInt32((uint)resultAddress, (uint)fired.Count);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    private Subscription ParseSubscription(ReadOnlySpan<byte> raw)
    {
        var userData = BinaryPrimitives.ReadUInt64LittleEndian(raw);
        var type = (EventType)raw[8];
        var payload = raw[16..];
        switch (type)
        {
            case EventType.Clock:
            {
                // Preview 0 puts a u64 "identifier" before the clock id.
                var clock = Version == AbiVersion.Preview1 ? payload : payload[8..];
                var clockId = (ClockId)BinaryPrimitives.ReadUInt32LittleEndian(clock);
                var timeout = BinaryPrimitives.ReadUInt64LittleEndian(clock[8..]);
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(clock[24..]);
                if (clockId is not (ClockId.Realtime or ClockId.Monotonic) || (flags & ~AbsoluteTimeFlag) != 0)
                {
                    return Subscription.Failed(userData, type, Errno.InvalidArgument);
                }

                // A relative timeout becomes a deadline on the monotonic clock, so changes of the wall clock do not matter.
                var monotonicNow = Configuration.Clock.GetMonotonicNanoseconds();
                if ((flags & AbsoluteTimeFlag) == 0)
                {
                    return Subscription.Clock(userData, ClockId.Monotonic, SaturatingAdd(monotonicNow, timeout));
                }

                return Subscription.Clock(userData, clockId, timeout);
            }

            case EventType.FdRead:
            case EventType.FdWrite:
            {
                var number = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload);
                if (!Descriptors.TryGet(number, out var descriptor) || descriptor is null)
                {
                    return Subscription.Failed(userData, type, Errno.BadDescriptor);
                }

                var needed = Rights.PollFdReadwrite | (type == EventType.FdRead ? Rights.FdRead : Rights.FdWrite);
                if (!descriptor.Has(needed))
                {
                    return Subscription.Failed(userData, type, Errno.BadDescriptor);
                }

                return Subscription.ForDescriptor(userData, type, descriptor);
            }

            default:
                return Subscription.Failed(userData, type, Errno.InvalidArgument);
        }
    }

    private List<FiredEvent> WaitForEvents(Subscription[] subscriptions)
    {
        var cancellation = Configuration.Cancellation;
        while (true)
        {
            var fired = new List<FiredEvent>();
            var earliestWait = ulong.MaxValue;
            WaitHandle? wakeUp = null;
            foreach (var subscription in subscriptions)
            {
                if (subscription.Error != Errno.Success)
                {
                    fired.Add(new FiredEvent(subscription.UserData, subscription.Error, subscription.Type, 0, 0));
                    continue;
                }

                if (subscription.Type == EventType.Clock)
                {
                    var now = ReadClock(subscription.ClockId);
                    if (now >= subscription.Deadline)
                    {
                        fired.Add(new FiredEvent(subscription.UserData, Errno.Success, EventType.Clock, 0, 0));
                    }
                    else
                    {
                        earliestWait = Math.Min(earliestWait, subscription.Deadline - now);
                    }

                    continue;
                }

                if (IsDescriptorReady(subscription, out var byteCount, out var flags, out var handle))
                {
                    fired.Add(new FiredEvent(subscription.UserData, Errno.Success, subscription.Type, byteCount, flags));
                }
                else
                {
                    wakeUp ??= handle;
                }
            }

            if (fired.Count > 0)
            {
                return fired;
            }

            Configuration.Clock.Wait(earliestWait, wakeUp, cancellation);
            if (cancellation.IsCancellationRequested)
            {
                throw new WasmTrapException(TrapCode.Deadline, "deadline exceeded while the program was waiting in poll_oneoff");
            }
        }
    }

    private static bool IsDescriptorReady(Subscription subscription, out ulong byteCount, out ushort flags, out WaitHandle? wakeUp)
    {
        flags = 0;
        wakeUp = null;
        switch (subscription.Descriptor)
        {
            case InputStreamDescriptor input when subscription.Type == EventType.FdRead:
                if (input.Reader.IsReady(out byteCount))
                {
                    flags = byteCount == 0 ? HangupFlag : (ushort)0;
                    return true;
                }

                wakeUp = input.Reader.ReadyHandle;
                return false;
            case FileDescriptor file when subscription.Type == EventType.FdRead:
                var length = RandomAccess.GetLength(file.Handle);
                byteCount = (ulong)Math.Max(0, length - file.Position);
                return true;
            default:
                // Output streams and files can always take a write; the amount is unknown.
                byteCount = 1;
                return true;
        }
    }

    private static ulong SaturatingAdd(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;

    private readonly record struct FiredEvent(ulong UserData, Errno Error, EventType Type, ulong ByteCount, ushort Flags);

    private readonly record struct Subscription(ulong UserData, EventType Type, Errno Error, ClockId ClockId, ulong Deadline, Descriptor? Descriptor)
    {
        public static Subscription Failed(ulong userData, EventType type, Errno error) => new(userData, type, error, default, 0, null);

        public static Subscription Clock(ulong userData, ClockId clock, ulong deadline) => new(userData, EventType.Clock, Errno.Success, clock, deadline, null);

        public static Subscription ForDescriptor(ulong userData, EventType type, Descriptor descriptor) => new(userData, type, Errno.Success, default, 0, descriptor);
    }
}

namespace Weir.Wasi.Abi;

/// <summary>WASI error numbers (<c>errno</c>, a u16 widened to i32 at the boundary); each member's summary names its WASI constant.</summary>
internal enum Errno : ushort
{
    /// <summary><c>SUCCESS</c>: no error.</summary>
    Success = 0,
    /// <summary><c>2BIG</c>: argument list too long.</summary>
    ArgumentListTooLong = 1,
    /// <summary><c>ACCES</c>: permission denied.</summary>
    AccessDenied = 2,
    /// <summary><c>ADDRINUSE</c>: address in use.</summary>
    AddressInUse = 3,
    /// <summary><c>ADDRNOTAVAIL</c>: address not available.</summary>
    AddressNotAvailable = 4,
    /// <summary><c>AFNOSUPPORT</c>: address family not supported.</summary>
    AddressFamilyNotSupported = 5,
    /// <summary><c>AGAIN</c>: resource unavailable, or operation would block.</summary>
    TryAgain = 6,
    /// <summary><c>ALREADY</c>: connection already in progress.</summary>
    AlreadyInProgress = 7,
    /// <summary><c>BADF</c>: bad file descriptor, or a descriptor without the right.</summary>
    BadDescriptor = 8,
    /// <summary><c>BADMSG</c>: bad message.</summary>
    BadMessage = 9,
    /// <summary><c>BUSY</c>: device or resource busy.</summary>
    Busy = 10,
    /// <summary><c>CANCELED</c>: operation canceled.</summary>
    Canceled = 11,
    /// <summary><c>CHILD</c>: no child processes.</summary>
    NoChildProcesses = 12,
    /// <summary><c>CONNABORTED</c>: connection aborted.</summary>
    ConnectionAborted = 13,
    /// <summary><c>CONNREFUSED</c>: connection refused.</summary>
    ConnectionRefused = 14,
    /// <summary><c>CONNRESET</c>: connection reset.</summary>
    ConnectionReset = 15,
    /// <summary><c>DEADLK</c>: resource deadlock would occur.</summary>
    Deadlock = 16,
    /// <summary><c>DESTADDRREQ</c>: destination address required.</summary>
    DestinationAddressRequired = 17,
    /// <summary><c>DOM</c>: mathematics argument out of domain of function.</summary>
    MathDomain = 18,
    /// <summary><c>DQUOT</c>: reserved.</summary>
    DiskQuota = 19,
    /// <summary><c>EXIST</c>: file exists.</summary>
    Exists = 20,
    /// <summary><c>FAULT</c>: bad address (a guest range outside the memory).</summary>
    Fault = 21,
    /// <summary><c>FBIG</c>: file too large.</summary>
    FileTooLarge = 22,
    /// <summary><c>HOSTUNREACH</c>: host is unreachable.</summary>
    HostUnreachable = 23,
    /// <summary><c>IDRM</c>: identifier removed.</summary>
    IdentifierRemoved = 24,
    /// <summary><c>ILSEQ</c>: illegal byte sequence.</summary>
    IllegalByteSequence = 25,
    /// <summary><c>INPROGRESS</c>: operation in progress.</summary>
    InProgress = 26,
    /// <summary><c>INTR</c>: interrupted function.</summary>
    Interrupted = 27,
    /// <summary><c>INVAL</c>: invalid argument.</summary>
    InvalidArgument = 28,
    /// <summary><c>IO</c>: I/O error.</summary>
    InputOutput = 29,
    /// <summary><c>ISCONN</c>: socket is connected.</summary>
    IsConnected = 30,
    /// <summary><c>ISDIR</c>: is a directory.</summary>
    IsDirectory = 31,
    /// <summary><c>LOOP</c>: too many levels of symbolic links.</summary>
    TooManySymbolicLinks = 32,
    /// <summary><c>MFILE</c>: file descriptor value too large, or too many open files.</summary>
    TooManyOpenFiles = 33,
    /// <summary><c>MLINK</c>: too many links.</summary>
    TooManyLinks = 34,
    /// <summary><c>MSGSIZE</c>: message too large.</summary>
    MessageTooLarge = 35,
    /// <summary><c>MULTIHOP</c>: reserved.</summary>
    Multihop = 36,
    /// <summary><c>NAMETOOLONG</c>: filename too long.</summary>
    NameTooLong = 37,
    /// <summary><c>NETDOWN</c>: network is down.</summary>
    NetworkDown = 38,
    /// <summary><c>NETRESET</c>: connection aborted by network.</summary>
    NetworkReset = 39,
    /// <summary><c>NETUNREACH</c>: network unreachable.</summary>
    NetworkUnreachable = 40,
    /// <summary><c>NFILE</c>: too many files open in system.</summary>
    TooManyFilesInSystem = 41,
    /// <summary><c>NOBUFS</c>: no buffer space available.</summary>
    NoBufferSpace = 42,
    /// <summary><c>NODEV</c>: no such device.</summary>
    NoDevice = 43,
    /// <summary><c>NOENT</c>: no such file or directory.</summary>
    NoEntry = 44,
    /// <summary><c>NOEXEC</c>: executable file format error.</summary>
    ExecutableFormat = 45,
    /// <summary><c>NOLCK</c>: no locks available.</summary>
    NoLocks = 46,
    /// <summary><c>NOLINK</c>: reserved.</summary>
    NoLink = 47,
    /// <summary><c>NOMEM</c>: not enough space.</summary>
    NotEnoughMemory = 48,
    /// <summary><c>NOMSG</c>: no message of the desired type.</summary>
    NoMessage = 49,
    /// <summary><c>NOPROTOOPT</c>: protocol not available.</summary>
    NoProtocolOption = 50,
    /// <summary><c>NOSPC</c>: no space left on device.</summary>
    NoSpace = 51,
    /// <summary><c>NOSYS</c>: function not supported.</summary>
    FunctionNotSupported = 52,
    /// <summary><c>NOTCONN</c>: the socket is not connected.</summary>
    NotConnected = 53,
    /// <summary><c>NOTDIR</c>: not a directory or a symbolic link to a directory.</summary>
    NotDirectory = 54,
    /// <summary><c>NOTEMPTY</c>: directory not empty.</summary>
    NotEmpty = 55,
    /// <summary><c>NOTRECOVERABLE</c>: state not recoverable.</summary>
    NotRecoverable = 56,
    /// <summary><c>NOTSOCK</c>: not a socket.</summary>
    NotSocket = 57,
    /// <summary><c>NOTSUP</c>: not supported.</summary>
    NotSupported = 58,
    /// <summary><c>NOTTY</c>: inappropriate I/O control operation.</summary>
    NotTerminal = 59,
    /// <summary><c>NXIO</c>: no such device or address.</summary>
    NoSuchDeviceOrAddress = 60,
    /// <summary><c>OVERFLOW</c>: value too large to be stored in data type.</summary>
    Overflow = 61,
    /// <summary><c>OWNERDEAD</c>: previous owner died.</summary>
    OwnerDead = 62,
    /// <summary><c>PERM</c>: operation not permitted.</summary>
    NotPermitted = 63,
    /// <summary><c>PIPE</c>: broken pipe.</summary>
    BrokenPipe = 64,
    /// <summary><c>PROTO</c>: protocol error.</summary>
    ProtocolError = 65,
    /// <summary><c>PROTONOSUPPORT</c>: protocol not supported.</summary>
    ProtocolNotSupported = 66,
    /// <summary><c>PROTOTYPE</c>: protocol wrong type for socket.</summary>
    WrongProtocolType = 67,
    /// <summary><c>RANGE</c>: result too large.</summary>
    ResultOutOfRange = 68,
    /// <summary><c>ROFS</c>: read-only file system.</summary>
    ReadOnlyFileSystem = 69,
    /// <summary><c>SPIPE</c>: invalid seek.</summary>
    InvalidSeek = 70,
    /// <summary><c>SRCH</c>: no such process.</summary>
    NoSuchProcess = 71,
    /// <summary><c>STALE</c>: reserved.</summary>
    StaleHandle = 72,
    /// <summary><c>TIMEDOUT</c>: connection timed out.</summary>
    TimedOut = 73,
    /// <summary><c>TXTBSY</c>: text file busy.</summary>
    TextFileBusy = 74,
    /// <summary><c>XDEV</c>: cross-device link.</summary>
    CrossDeviceLink = 75,
    /// <summary><c>NOTCAPABLE</c>: extension: capabilities insufficient.</summary>
    NotCapable = 76,
}

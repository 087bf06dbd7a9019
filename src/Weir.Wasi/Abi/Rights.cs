namespace Weir.Wasi.Abi;

/// <summary>
/// WASI <c>rights</c> (u64): what a descriptor may be used for. Member names follow the witx names
/// so they can be matched against the specification one to one.
/// </summary>
[Flags]
internal enum Rights : ulong
{
    /// <summary>No rights.</summary>
    None = 0,
    /// <summary>Grants fd_datasync.</summary>
    FdDatasync = 1UL << 0,
    /// <summary>Grants fd_read and sock_recv; with FdSeek also fd_pread.</summary>
    FdRead = 1UL << 1,
    /// <summary>Grants fd_seek (implies FdTell).</summary>
    FdSeek = 1UL << 2,
    /// <summary>Grants fd_fdstat_set_flags.</summary>
    FdFdstatSetFlags = 1UL << 3,
    /// <summary>Grants fd_sync.</summary>
    FdSync = 1UL << 4,
    /// <summary>Grants fd_tell, and fd_seek of 0 from the current position.</summary>
    FdTell = 1UL << 5,
    /// <summary>Grants fd_write and sock_send; with FdSeek also fd_pwrite.</summary>
    FdWrite = 1UL << 6,
    /// <summary>Grants fd_advise.</summary>
    FdAdvise = 1UL << 7,
    /// <summary>Grants fd_allocate.</summary>
    FdAllocate = 1UL << 8,
    /// <summary>Grants path_create_directory.</summary>
    PathCreateDirectory = 1UL << 9,
    /// <summary>Grants path_open with CREAT.</summary>
    PathCreateFile = 1UL << 10,
    /// <summary>Grants path_link, as the source directory.</summary>
    PathLinkSource = 1UL << 11,
    /// <summary>Grants path_link, as the target directory.</summary>
    PathLinkTarget = 1UL << 12,
    /// <summary>Grants path_open.</summary>
    PathOpen = 1UL << 13,
    /// <summary>Grants fd_readdir.</summary>
    FdReaddir = 1UL << 14,
    /// <summary>Grants path_readlink.</summary>
    PathReadlink = 1UL << 15,
    /// <summary>Grants path_rename, as the source directory.</summary>
    PathRenameSource = 1UL << 16,
    /// <summary>Grants path_rename, as the target directory.</summary>
    PathRenameTarget = 1UL << 17,
    /// <summary>Grants path_filestat_get.</summary>
    PathFilestatGet = 1UL << 18,
    /// <summary>Grants path_open with TRUNC.</summary>
    PathFilestatSetSize = 1UL << 19,
    /// <summary>Grants path_filestat_set_times.</summary>
    PathFilestatSetTimes = 1UL << 20,
    /// <summary>Grants fd_filestat_get.</summary>
    FdFilestatGet = 1UL << 21,
    /// <summary>Grants fd_filestat_set_size.</summary>
    FdFilestatSetSize = 1UL << 22,
    /// <summary>Grants fd_filestat_set_times.</summary>
    FdFilestatSetTimes = 1UL << 23,
    /// <summary>Grants path_symlink.</summary>
    PathSymlink = 1UL << 24,
    /// <summary>Grants path_remove_directory.</summary>
    PathRemoveDirectory = 1UL << 25,
    /// <summary>Grants path_unlink_file.</summary>
    PathUnlinkFile = 1UL << 26,
    /// <summary>Grants poll_oneoff subscriptions on the descriptor.</summary>
    PollFdReadwrite = 1UL << 27,
    /// <summary>Grants sock_shutdown.</summary>
    SockShutdown = 1UL << 28,
    /// <summary>Grants sock_accept (preview 1 only).</summary>
    SockAccept = 1UL << 29,
}

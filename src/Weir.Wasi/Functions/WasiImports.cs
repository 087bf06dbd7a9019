using Weir.Wasi.Abi;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

/// <summary>Binds the WASI functions to a linker under one import module name, with the exact core-Wasm types of the witx.</summary>
internal static class WasiImports
{
    public static void Define(Linker linker, string module, WasiFunctions functions)
    {
        linker.DefineFunction(module, "args_get", functions.ArgsGet);
        linker.DefineFunction(module, "args_sizes_get", functions.ArgsSizesGet);
        linker.DefineFunction(module, "environ_get", functions.EnvironGet);
        linker.DefineFunction(module, "environ_sizes_get", functions.EnvironSizesGet);
        linker.DefineFunction(module, "clock_res_get", functions.ClockResGet);
        linker.DefineFunction(module, "clock_time_get", functions.ClockTimeGet);
        linker.DefineFunction(module, "fd_advise", functions.FdAdvise);
        linker.DefineFunction(module, "fd_allocate", functions.FdAllocate);
        linker.DefineFunction(module, "fd_close", functions.FdClose);
        linker.DefineFunction(module, "fd_datasync", functions.FdDatasync);
        linker.DefineFunction(module, "fd_fdstat_get", functions.FdFdstatGet);
        linker.DefineFunction(module, "fd_fdstat_set_flags", functions.FdFdstatSetFlags);
        linker.DefineFunction(module, "fd_fdstat_set_rights", functions.FdFdstatSetRights);
        linker.DefineFunction(module, "fd_filestat_get", functions.FdFilestatGet);
        linker.DefineFunction(module, "fd_filestat_set_size", functions.FdFilestatSetSize);
        linker.DefineFunction(module, "fd_filestat_set_times", functions.FdFilestatSetTimes);
        linker.DefineFunction(module, "fd_pread", functions.FdPread);
        linker.DefineFunction(module, "fd_prestat_get", functions.FdPrestatGet);
        linker.DefineFunction(module, "fd_prestat_dir_name", functions.FdPrestatDirName);
        linker.DefineFunction(module, "fd_pwrite", functions.FdPwrite);
        linker.DefineFunction(module, "fd_read", functions.FdRead);
        linker.DefineFunction(module, "fd_readdir", functions.FdReaddir);
        linker.DefineFunction(module, "fd_renumber", functions.FdRenumber);
        linker.DefineFunction(module, "fd_seek", functions.FdSeek);
        linker.DefineFunction(module, "fd_sync", functions.FdSync);
        linker.DefineFunction(module, "fd_tell", functions.FdTell);
        linker.DefineFunction(module, "fd_write", functions.FdWrite);
        linker.DefineFunction(module, "path_create_directory", functions.PathCreateDirectory);
        linker.DefineFunction(module, "path_filestat_get", functions.PathFilestatGet);
        linker.DefineFunction(module, "path_filestat_set_times", functions.PathFilestatSetTimes);
        linker.DefineFunction(module, "path_link", functions.PathLink);
        linker.DefineFunction(module, "path_open", functions.PathOpen);
        linker.DefineFunction(module, "path_readlink", functions.PathReadlink);
        linker.DefineFunction(module, "path_remove_directory", functions.PathRemoveDirectory);
        linker.DefineFunction(module, "path_rename", functions.PathRename);
        linker.DefineFunction(module, "path_symlink", functions.PathSymlink);
        linker.DefineFunction(module, "path_unlink_file", functions.PathUnlinkFile);
        linker.DefineFunction(module, "poll_oneoff", functions.PollOneoff);
        linker.DefineFunction(module, "proc_exit", functions.ProcExit);
        linker.DefineFunction(module, "proc_raise", WasiFunctions.ProcRaise);
        linker.DefineFunction(module, "sched_yield", WasiFunctions.SchedYield);
        linker.DefineFunction(module, "random_get", functions.RandomGet);
        linker.DefineFunction(module, "sock_recv", functions.SockReceive);
        linker.DefineFunction(module, "sock_send", functions.SockSend);
        linker.DefineFunction(module, "sock_shutdown", functions.SockShutdown);
        if (functions.Version == AbiVersion.Preview1)
        {
            // sock_accept was added in preview 1; wasi_unstable never had it.
            linker.DefineFunction(module, "sock_accept", functions.SockAccept);
        }
    }
}

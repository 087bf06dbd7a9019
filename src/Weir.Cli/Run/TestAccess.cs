using System.Runtime.CompilerServices;

// The WASI tests drive `weir run` in-process with captured streams (RunCommand.Create(console)),
// which is internal to the CLI.
[assembly: InternalsVisibleTo("Weir.Wasi.Tests")]

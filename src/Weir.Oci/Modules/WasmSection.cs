namespace Weir.Oci.Modules;

/// <summary>One section of a core module.</summary>
/// <param name="Id">The section id (0 = custom, 1 = type, …, 7 = export, 10 = code, 11 = data, 12 = data count).</param>
/// <param name="Name">The custom section's name, else the standard name of the id.</param>
/// <param name="Offset">Byte offset of the section's contents in the file.</param>
/// <param name="Size">Size of the contents in bytes.</param>
public sealed record WasmSection(byte Id, string Name, long Offset, long Size);

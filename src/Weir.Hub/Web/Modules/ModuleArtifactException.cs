namespace Weir.Hub.Web.Modules;

/// <summary>A stored manifest holds no Wasm module the hub can read; the message says why, for the module page.</summary>
internal sealed class ModuleArtifactException : Exception
{
    public ModuleArtifactException()
    {
    }

    public ModuleArtifactException(string message)
        : base(message)
    {
    }

    public ModuleArtifactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

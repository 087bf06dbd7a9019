namespace Weir.Gateway.Filters;

/// <summary>A filter's module could not be used; <see cref="Field"/> is the filter field to blame (<c>module</c> or <c>sha256</c>).</summary>
internal sealed class ModuleResolutionException : Exception
{
    public ModuleResolutionException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public ModuleResolutionException()
        : this("module", "the module could not be loaded")
    {
    }

    public ModuleResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "module";
    }

    public string Field { get; } = "module";
}

namespace System.Runtime.CompilerServices;

/// <summary>
/// Honoured by the runtime on dynamic assemblies: lets generated code use this assembly's internal
/// types and fields, so the runtime's hot-path state need not be public.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute : Attribute
{
    public IgnoresAccessChecksToAttribute(string assemblyName)
    {
        AssemblyName = assemblyName;
    }

    public string AssemblyName { get; }
}

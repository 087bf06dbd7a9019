namespace Weir.Gateway.Hosting;

/// <summary>A reference to a shared component that a configuration version gives back when it drains.</summary>
internal interface IComponentLease
{
    ValueTask ReleaseAsync();
}

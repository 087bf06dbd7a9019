namespace Weir.Gateway.Configuration;

/// <summary>The configured failure policy of a filter (<c>fail_closed</c>, <c>fail_open</c>, <c>reload</c>).</summary>
internal enum FilterFailurePolicy
{
    /// <summary>A failed stream gets 503 (or is reset once its response started); new streams get 503 until a VM is back.</summary>
    FailClosed,

    /// <summary>A failed stream continues without the filter; new streams skip it until a VM is back.</summary>
    FailOpen,

    /// <summary>A failed stream gets 503; new streams wait for the replacement VM.</summary>
    Reload,
}

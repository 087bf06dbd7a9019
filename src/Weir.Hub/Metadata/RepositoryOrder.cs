namespace Weir.Hub.Metadata;

/// <summary>How repository listings are sorted.</summary>
internal enum RepositoryOrder
{
    /// <summary>Most recently pushed (or changed) first.</summary>
    Recent,

    /// <summary>Most downloaded first, then most starred.</summary>
    Popular,

    /// <summary>By name, bytewise.</summary>
    Name,
}

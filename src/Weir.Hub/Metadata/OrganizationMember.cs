namespace Weir.Hub.Metadata;

/// <summary>A member of an organisation and their role (<c>owner</c> or <c>member</c>).</summary>
internal sealed record OrganizationMember(long UserId, string UserName, string Role);

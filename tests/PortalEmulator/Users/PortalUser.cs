namespace WineB24.PortalEmulator.Users;

/// <summary>A portal employee.</summary>
public sealed record PortalUser(int Id, string Name, string LastName, bool IsAdmin)
{
    public string Email => $"user{Id}@example.ru";

    public bool Active { get; init; } = true;
}

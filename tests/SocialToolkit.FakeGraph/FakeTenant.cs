using System.Collections.Concurrent;

namespace SocialToolkit.FakeGraph;

/// <summary>A directory user as Graph returns it (only the properties the toolkit selects).</summary>
public sealed class FakeUser
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string UserPrincipalName { get; set; } = string.Empty;
    public string DisplayName { get; set; } = string.Empty;
    public string? Mail { get; set; }
    public string? Department { get; set; }
    public string? JobTitle { get; set; }
    public string? OfficeLocation { get; set; }
    public string? Country { get; set; }
    public DateTimeOffset? EmployeeHireDate { get; set; }
    public bool AccountEnabled { get; set; } = true;
    public string? ManagerId { get; set; }
    public DateTimeOffset? EmployeeLeaveDateTime { get; set; }

    /// <summary>Member or Guest, as Graph's userType.</summary>
    public string UserType { get; set; } = "Member";

    /// <summary>The tenant's change counter when this user last changed (what /users/delta compares tokens with).</summary>
    public long Version { get; set; }
}

/// <summary>The data the fake server serves. Tests fill it before or while calling.</summary>
public sealed class FakeTenant
{
    public string TenantId { get; set; } = "8f3a1c55-0c3e-4a8e-9a51-6f0d2b7c1e42";
    public string DisplayName { get; set; } = "Contoso Test";
    public List<FakeUser> Users { get; } = new();

    private readonly object indexGate = new();
    private Dictionary<string, FakeUser>? index;
    private int indexedCount = -1;

    /// <summary>
    /// A user by id or user principal name (case-insensitive). The index is rebuilt when users are added or removed;
    /// change a user's id or UPN in place only before the first lookup.
    /// </summary>
    public FakeUser? FindUser(string idOrUpn)
    {
        lock (indexGate)
        {
            if (index == null || indexedCount != Users.Count)
            {
                index = new Dictionary<string, FakeUser>(StringComparer.OrdinalIgnoreCase);
                foreach (var user in Users)
                {
                    index[user.Id] = user;
                    index[user.UserPrincipalName] = user;
                }

                indexedCount = Users.Count;
            }

            return index.TryGetValue(idOrUpn, out var found) ? found : null;
        }
    }

    private long version;

    /// <summary>The change counter: /users/delta tokens are values of it.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>Users deleted from the directory, with the version they were deleted at.</summary>
    public List<(string Id, long Version)> Removed { get; } = new();

    /// <summary>Changes a user the way the directory would, so the next /users/delta round returns it.</summary>
    public void Change(FakeUser user, Action<FakeUser> change)
    {
        change(user);
        user.Version = Interlocked.Increment(ref version);
    }

    /// <summary>Adds a user after the start; the next /users/delta round returns it.</summary>
    public void AddUser(FakeUser user)
    {
        user.Version = Interlocked.Increment(ref version);
        Users.Add(user);
    }

    /// <summary>Deletes a user; the next /users/delta round returns it as @removed.</summary>
    public void RemoveUser(FakeUser user)
    {
        Users.Remove(user);
        Removed.Add((user.Id, Interlocked.Increment(ref version)));
    }

    /// <summary>Users per page of a full /users/delta round.</summary>
    public int DeltaPageSize { get; set; } = 200;

    /// <summary>When true, /users/delta answers 410 Gone to any delta token (it expired).</summary>
    public bool DeltaTokensExpired { get; set; }

    /// <summary>A nextLink to send instead of the real one on the first page of /users and /users/delta (hostile links).</summary>
    public string? HostileNextLink { get; set; }

    /// <summary>When true, /organization answers 403 (an app without Organization.Read.All).</summary>
    public bool OrganizationForbidden { get; set; }

    /// <summary>Extra per-test state owned by feature handlers (reports, learning, lists...).</summary>
    public ConcurrentDictionary<string, object> Extensions { get; } = new();

    /// <summary>Generates <paramref name="count"/> users spread over a few departments, managers included.</summary>
    public FakeTenant WithGeneratedUsers(int count, int disabledEvery = 0)
    {
        string[] departments = { "Sales", "Engineering", "Marketing", "Finance", "Legal" };
        for (var i = 0; i < count; i++)
        {
            Users.Add(new FakeUser
            {
                Id = $"00000000-0000-0000-0000-{i:D12}",
                UserPrincipalName = $"user{i:D6}@contoso.test",
                DisplayName = $"User {i:D6}",
                Mail = $"user{i:D6}@contoso.test",
                Department = departments[i % departments.Length],
                JobTitle = i % 10 == 0 ? "Manager" : "Specialist",
                OfficeLocation = i % 2 == 0 ? "Paris" : "Lyon",
                Country = "France",
                EmployeeHireDate = new DateTimeOffset(2015 + (i % 10), 1 + (i % 12), 1, 0, 0, 0, TimeSpan.Zero),
                AccountEnabled = disabledEvery == 0 || i % disabledEvery != disabledEvery - 1,
                ManagerId = i % 10 == 0 ? null : $"00000000-0000-0000-0000-{(i / 10 * 10):D12}",
            });
        }

        return this;
    }
}

using Npgsql;
using SocialToolkit.Core.Store;

namespace SocialToolkit.Engine.Tests.Support;

/// <summary>
/// A person's sign-in to a server store: a login role of the test server, member of some of the store's group roles
/// (socialtoolkit_reader, _writer, _privacy), and the store's location signed in as it, password included.
/// </summary>
public sealed class StoreLogin : IDisposable
{
    private StoreLogin(string userName, string password, StoreLocation location)
    {
        UserName = userName;
        Password = password;
        Location = location;
    }

    public string UserName { get; }

    /// <summary>The login's password: what the secrets tests look for in everything the engines write and say.</summary>
    public string Password { get; }

    /// <summary>The store, signed in as this login.</summary>
    public StoreLocation Location { get; }

    /// <summary>A new login in <paramref name="groupRoles"/>, for the server store at <paramref name="store"/>.</summary>
    public static StoreLogin Create(StoreLocation store, params string[] groupRoles)
    {
        var (userName, password) = TestPostgres.CreateLogin(groupRoles);
        var connection = new NpgsqlConnectionStringBuilder(store.GetConnectionString()) { Username = userName, Password = password };
        return new StoreLogin(userName, password, StoreLocation.Server(connection.ConnectionString));
    }

    public void Dispose() => TestPostgres.DropLogin(UserName);
}

using System.Data.Common;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using Xunit;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>How a -StorePath, -StoreConnection or $env:SOCIALTOOLKIT_STORE value becomes a store, and what is shown of it.</summary>
public sealed class StoreLocationTests
{
    private const string Secret = "S3cr3t;pa@ss:w/rd";

    private static DbConnectionStringBuilder Keywords(StoreLocation location) => new() { ConnectionString = location.GetConnectionString() };

    [Theory]
    [InlineData("store.db")]
    [InlineData("./data/store.db")]
    [InlineData("C:/Users/anna/store=old.db")]
    public void A_path_is_a_file_store(string path)
    {
        var location = StoreLocation.Parse(path);
        Assert.False(location.IsServer);
        Assert.Equal(Path.GetFullPath(path), location.FilePath);
        Assert.Equal(location.FilePath, location.Display);
    }

    [Fact]
    public void A_keyword_connection_string_is_a_server_store_shown_without_its_password()
    {
        var location = StoreLocation.Parse("Host=db.contoso.com;Port=5433;Database=socialtoolkit;Username=hr_anna;Password=" + Secret.Replace(";", "") + ";SSL Mode=VerifyFull;Root Certificate=/etc/ssl/ca.pem");
        Assert.True(location.IsServer);
        Assert.Null(location.FilePath);
        Assert.Equal("postgresql://hr_anna@db.contoso.com:5433/socialtoolkit", location.Display);
        Assert.Equal("postgresql://hr_anna@db.contoso.com:5433/socialtoolkit", location.ToString());
        var keywords = Keywords(location);
        Assert.Equal("VerifyFull", keywords["SSL Mode"]);
        Assert.Equal("/etc/ssl/ca.pem", keywords["Root Certificate"]);
    }

    [Fact]
    public void A_uri_with_libpq_parameters_becomes_the_driver_s_keywords()
    {
        var location = StoreLocation.Parse("postgresql://hr_anna:" + Uri.EscapeDataString(Secret) + "@db.contoso.com:5433/social%20toolkit?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem&connect_timeout=7&application_name=HR");
        var keywords = Keywords(location);
        Assert.Equal(("db.contoso.com", "5433", "social toolkit", "hr_anna", Secret), ((string)keywords["Host"], (string)keywords["Port"], (string)keywords["Database"], (string)keywords["Username"], (string)keywords["Password"]));
        Assert.Equal(("verify-full", "/etc/ssl/ca.pem", "7", "HR"), ((string)keywords["SSL Mode"], (string)keywords["Root Certificate"], (string)keywords["Timeout"], (string)keywords["Application Name"]));
        Assert.Equal("postgresql://hr_anna@db.contoso.com:5433/social%20toolkit", location.Display);
        Assert.DoesNotContain(Secret, location.Display);
    }

    [Fact]
    public void A_uri_may_name_several_hosts_and_an_IPv6_address()
    {
        Assert.Equal("a.example,b.example", Keywords(StoreLocation.Parse("postgres://a.example:5432,b.example/st"))["Host"]);
        Assert.Equal("::1", Keywords(StoreLocation.Parse("postgresql://[::1]:5433/st"))["Host"]);
    }

    [Fact]
    public void A_credential_replaces_the_user_and_password_of_the_string()
    {
        var location = StoreLocation.Parse("Host=db;Database=st;User Id=someone;Password=old").WithCredential("dpo_marc", Secret);
        var keywords = Keywords(location);
        Assert.Equal(("dpo_marc", Secret), ((string)keywords["Username"], (string)keywords["Password"]));
        Assert.False(keywords.ContainsKey("User Id"));
        Assert.Equal("postgresql://dpo_marc@db/st", location.Display);
    }

    [Fact]
    public void A_credential_for_a_file_is_refused()
    {
        var failure = Assert.Throws<SocialToolkitException>(() => StoreLocation.File("store.db").WithCredential("anna", Secret));
        Assert.Equal("CredentialNeedsServer", failure.ErrorId);
    }

    [Theory]
    [InlineData("Host=db;Password=" + "x1", "names no database")]
    [InlineData("postgresql:///st", "names no host")]
    [InlineData("postgresql://db:port/st", "port 'port' is not a number")]
    [InlineData("postgresql://db/st?sslmod=require", "parameter 'sslmod'")]
    public void An_unusable_connection_is_an_error_that_says_why_and_never_quotes_it(string connection, string why)
    {
        var failure = Assert.Throws<SocialToolkitException>(() => StoreLocation.Server(connection));
        Assert.Equal("StoreConnectionInvalid", failure.ErrorId);
        Assert.Contains(why, failure.Message);
        Assert.DoesNotContain("x1", failure.Message);
        Assert.Equal("StoreConnection", failure.Target);
    }
}

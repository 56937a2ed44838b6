using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Loader;
using System.Security;
using SocialToolkit.FakeGraph;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Connection;

public sealed class ConnectTests
{
    /// <summary>A JWT-shaped token (unsigned: the fake server compares it verbatim) with app roles and a tenant.</summary>
    internal static string FakeAccessToken(string tenantId, params string[] roles)
    {
        static string Segment(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = $"{{\"tid\":\"{tenantId}\",\"roles\":[{string.Join(",", roles.Select(r => $"\"{r}\""))}],\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}";
        return Segment("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Segment(payload) + ".c2VjcmV0LXNpZ25hdHVyZS1wYXJ0";
    }

    internal static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    [Fact]
    public async Task AccessToken_reaches_the_server_as_bearer_and_never_appears_in_any_stream()
    {
        await using var graph = await FakeGraphServer.StartAsync();
        var token = FakeAccessToken(graph.Tenant.TenantId, "User.Read.All", "Reports.Read.All");
        graph.RequiredBearerToken = token;
        using var session = new ModuleSession();

        var result = session.Run(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint -Verbose -Debug",
            new Dictionary<string, object?> { ["token"] = Secure(token), ["endpoint"] = graph.BaseUrl },
            verbose: true).AssertNoErrors();

        var info = result.Output.Single();
        Assert.Equal(graph.Tenant.TenantId, info.Properties["TenantId"].Value);
        Assert.Equal("Contoso Test", info.Properties["TenantName"].Value);
        Assert.Equal("AccessToken", info.Properties["AuthMode"].Value);
        Assert.Equal(new[] { "Reports.Read.All", "User.Read.All" }, ((IEnumerable<string>)info.Properties["Permissions"].Value).ToArray());
        Assert.Contains(graph.Requests, r => r.PathAndQuery.StartsWith("/v1.0/organization", StringComparison.Ordinal) && r.Authorization == "Bearer " + token);
        Assert.NotEmpty(result.Verbose);

        var rendered = session.Run("Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint | Out-Host", verbose: true).AssertNoErrors();
        var everything = result.AllText().Concat(rendered.AllText()).Concat(session.Host.UI.Lines).ToList();
        Assert.DoesNotContain(everything, text => text.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(everything, text => text.Contains("c2VjcmV0LXNpZ25hdHVyZS1wYXJ0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_token_is_a_terminating_authentication_error_that_does_not_echo_the_token()
    {
        await using var graph = await FakeGraphServer.StartAsync();
        graph.RequiredBearerToken = FakeAccessToken(graph.Tenant.TenantId, "User.Read.All");
        var wrong = FakeAccessToken("another-tenant", "User.Read.All");
        using var session = new ModuleSession();

        var result = session.Run(
            "$ErrorActionPreference = 'Stop'; Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint; 'not reached'",
            new Dictionary<string, object?> { ["token"] = Secure(wrong), ["endpoint"] = graph.BaseUrl },
            verbose: true);

        Assert.NotNull(result.Terminating);
        Assert.DoesNotContain(result.Output, o => o.ToString() == "not reached");
        var error = ((IContainsErrorRecord)result.Terminating!).ErrorRecord;
        Assert.Equal("GraphUnauthorized,SocialToolkit.PowerShell.Commands.Connection.ConnectSocialToolkitCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Access token is empty or invalid", error.Exception.Message);
        Assert.DoesNotContain(result.AllText(), text => text.Contains(wrong, StringComparison.Ordinal));
    }

    [Fact]
    public void Unreachable_endpoint_is_a_clear_connection_error()
    {
        // A port that was just free: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var session = new ModuleSession();

        var result = session.Run(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint",
            new Dictionary<string, object?> { ["token"] = Secure(FakeAccessToken("t", "User.Read.All")), ["endpoint"] = new Uri($"http://127.0.0.1:{port}/v1.0") });

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.StartsWith("GraphUnreachable", error.FullyQualifiedErrorId);
        Assert.Contains("could not be reached", error.Exception.Message);
    }

    [Fact]
    public async Task Missing_organisation_permission_still_connects_with_a_warning()
    {
        await using var graph = await FakeGraphServer.StartAsync();
        graph.Tenant.OrganizationForbidden = true;
        using var session = new ModuleSession();

        var result = session.Run(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint",
            new Dictionary<string, object?> { ["token"] = Secure(FakeAccessToken(graph.Tenant.TenantId, "Reports.Read.All")), ["endpoint"] = graph.BaseUrl }).AssertNoErrors();

        Assert.Equal(graph.Tenant.TenantId, Assert.Single(result.Output).Properties["TenantId"].Value);
        Assert.Contains(result.Warnings, w => w.Message.Contains("Organization.Read.All", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnect_forgets_the_session()
    {
        await using var graph = await FakeGraphServer.StartAsync();
        using var session = new ModuleSession();
        session.Run(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint | Out-Null; Disconnect-SocialToolkit",
            new Dictionary<string, object?> { ["token"] = Secure(FakeAccessToken(graph.Tenant.TenantId)), ["endpoint"] = graph.BaseUrl }).AssertNoErrors();

        var again = session.Run("Disconnect-SocialToolkit -Verbose", verbose: true).AssertNoErrors();
        Assert.Contains(again.Verbose, v => v.Message.Contains("no Microsoft Graph session", StringComparison.Ordinal));
    }

    [Fact]
    public void Certificate_file_that_does_not_exist_names_the_parameter()
    {
        using var session = new ModuleSession();
        var result = session.Run("Connect-SocialToolkit -TenantId contoso.test -ClientId 11111111-2222-3333-4444-555555555555 -CertificatePath ./missing.pfx -GraphEndpoint http://127.0.0.1:9/v1.0");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("CertificateFileNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("missing.pfx", error.Exception.Message);
    }

    [Fact]
    public void Plain_http_endpoint_off_this_machine_is_refused()
    {
        using var session = new ModuleSession();
        var result = session.Run(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint http://graph.contoso.test/v1.0",
            new Dictionary<string, object?> { ["token"] = Secure(FakeAccessToken("t")) });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("GraphEndpointNotHttps", error.FullyQualifiedErrorId);
    }
}

public sealed class IsolationTests
{
    [Fact]
    public async Task Module_works_with_an_older_Kiota_already_loaded_in_the_default_context()
    {
        Assert.Equal(1, ModuleSession.PreloadedKiota.GetName().Version!.Major);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(ModuleSession.PreloadedKiota));

        await using var graph = await FakeGraphServer.StartAsync();
        using var session = new ModuleSession();
        session.Run(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint",
            new Dictionary<string, object?> { ["token"] = ConnectTests.Secure(ConnectTests.FakeAccessToken(graph.Tenant.TenantId)), ["endpoint"] = graph.BaseUrl }).AssertNoErrors();

        var kiotas = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Microsoft.Kiota.Abstractions").ToList();
        Assert.Contains(kiotas, a => a.GetName().Version!.Major == 1 && AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default);
        Assert.Contains(kiotas, a => a.GetName().Version!.Major >= 2 && AssemblyLoadContext.GetLoadContext(a) != AssemblyLoadContext.Default);
        Assert.Contains(graph.Requests, r => r.PathAndQuery.StartsWith("/v1.0/organization", StringComparison.Ordinal));
    }
}

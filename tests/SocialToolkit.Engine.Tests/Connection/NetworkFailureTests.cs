using System.Net;
using System.Net.Sockets;
using System.Security;
using Azure.Core;
using Azure.Identity;
using SocialToolkit.Core.Operations;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using Xunit;

namespace SocialToolkit.Engine.Tests.Connection;

/// <summary>
/// A machine that cannot reach Microsoft is told so, once: Azure.Identity's real sign-in failures (a name that does
/// not resolve, a refused connection) are reported as network failures, not as wrong credentials.
/// </summary>
public sealed class NetworkFailureTests
{
    private static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        return secure;
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A client-secret sign-in the way Connect-SocialToolkit makes it, against an authority that cannot be reached.</summary>
    private static async Task<SocialToolkitException> SignInFailureAsync(Uri authority)
    {
        var options = new ClientSecretCredentialOptions { AuthorityHost = authority };
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var credential = new ClientSecretCredential("contoso.onmicrosoft.com", "3f1c2b9e-5d0a-4e51-9b7f-0c2d4e6a8b10", "not-a-real-secret", options);
        try
        {
            await credential.GetTokenAsync(new TokenRequestContext(new[] { "https://graph.microsoft.com/.default" }), CancellationToken.None);
        }
        catch (Exception e)
        {
            return Assert.IsType<SocialToolkitException>(GraphFailures.Translate(e, "signing in"));
        }

        throw new Xunit.Sdk.XunitException("The sign-in did not fail.");
    }

    [Fact]
    public async Task A_refused_connection_at_sign_in_is_a_network_failure_said_once()
    {
        var failure = await SignInFailureAsync(new Uri($"https://127.0.0.1:{ClosedPort()}/"));

        Assert.Equal(("GraphUnreachable", FailureKind.ConnectionFailed), (failure.ErrorId, failure.Kind));
        Assert.Contains("sign-in service could not be reached", failure.Message);
        Assert.Contains("127.0.0.1", failure.Message);
        Assert.Contains("credentials were not checked", failure.Message);
        Assert.DoesNotContain("Retry failed", failure.Message);
        Assert.DoesNotContain("not-a-real-secret", failure.Message);
        Assert.Single(failure.Message.Split('\n'));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_at_sign_in_is_a_network_failure()
    {
        // .invalid never resolves (RFC 2606).
        var failure = await SignInFailureAsync(new Uri("https://login.socialtoolkit.invalid/"));

        Assert.Equal(("GraphUnreachable", FailureKind.ConnectionFailed), (failure.ErrorId, failure.Kind));
        Assert.Contains("login.socialtoolkit.invalid", failure.Message);
        Assert.DoesNotContain("tenant id", failure.Message);
        Assert.NotNull(failure.RecommendedAction);
    }

    [Fact]
    public async Task A_refused_Graph_connection_is_a_network_failure()
    {
        var options = new GraphConnectionOptions
        {
            AuthMode = GraphAuthMode.AccessToken,
            AccessToken = Secure("opaque-test-token"),
            GraphEndpoint = new Uri($"http://127.0.0.1:{ClosedPort()}/v1.0"),
        };

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => GraphConnector.ConnectAsync(options, SilentReporter.Instance, CancellationToken.None));

        Assert.Equal(("GraphUnreachable", FailureKind.ConnectionFailed), (failure.ErrorId, failure.Kind));
        Assert.StartsWith("Microsoft Graph could not be reached while checking the session", failure.Message);
    }

    [Theory]
    [InlineData("https://graph.microsoft.com", "https://graph.microsoft.com/v1.0")]
    [InlineData("https://graph.microsoft.com/", "https://graph.microsoft.com/v1.0")]
    [InlineData("https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/v1.0")]
    [InlineData("https://graph.microsoft.com/beta", "https://graph.microsoft.com/beta")]
    [InlineData("https://proxy.contoso.com:8443/graph/v1.0", "https://proxy.contoso.com:8443/graph/v1.0")]
    public void The_Graph_root_without_a_version_gets_one(string given, string expected)
    {
        Assert.Equal(new Uri(expected), GraphCloud.VersionedEndpoint(new Uri(given)));
    }

    [Fact]
    public async Task Connecting_to_the_root_of_a_Graph_server_works()
    {
        await using var graph = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(3));
        var options = new GraphConnectionOptions { AuthMode = GraphAuthMode.AccessToken, AccessToken = Secure("opaque-test-token"), GraphEndpoint = graph.Origin };

        using var session = await GraphConnector.ConnectAsync(options, SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(graph.BaseUrl, session.Info.GraphEndpoint);
        Assert.Equal("Contoso Test", session.Info.TenantName);
    }

    [Fact]
    public async Task Graph_going_away_during_a_read_is_a_network_failure_after_the_retries()
    {
        var graph = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(3));
        var options = new GraphConnectionOptions { AuthMode = GraphAuthMode.AccessToken, AccessToken = Secure("opaque-test-token"), GraphEndpoint = graph.BaseUrl };
        using var session = await GraphConnector.ConnectAsync(options, SilentReporter.Instance, CancellationToken.None);
        await graph.DisposeAsync();
        var reads = new GraphReadOptions { ConnectionAttempts = 2, ConnectionBackoff = TimeSpan.FromMilliseconds(10), MaxRetries = 0, RetryDelaySeconds = 0 };

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => StaffReader.ReadAsync(session, new StaffQuery(), reads, SilentReporter.Instance, CancellationToken.None));

        Assert.Equal(("GraphUnreachable", FailureKind.ConnectionFailed), (failure.ErrorId, failure.Kind));
        Assert.StartsWith("Microsoft Graph could not be reached while", failure.Message);
        Assert.Contains(graph.Origin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message);
    }
}

using System.Security;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using SocialToolkit.Core.Operations;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Connection;
using Xunit;

namespace SocialToolkit.Engine.Tests.Connection;

/// <summary>What the real Graph SDK throws, against the fake server, becomes a failure with a stable id and the service's message.</summary>
public sealed class GraphFailureMappingTests
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

    private static async Task<GraphSession> ConnectAsync(FakeGraphServer graph) =>
        await GraphConnector.ConnectAsync(
            new GraphConnectionOptions { AuthMode = GraphAuthMode.AccessToken, AccessToken = Secure("opaque-test-token"), GraphEndpoint = graph.BaseUrl },
            SilentReporter.Instance,
            CancellationToken.None);

    private static async Task<SocialToolkitException> FailureOf(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e)
        {
            return Assert.IsType<SocialToolkitException>(GraphFailures.Translate(e, "testing"));
        }

        throw new Xunit.Sdk.XunitException("The call did not fail.");
    }

    [Fact]
    public async Task Not_found_keeps_the_service_message()
    {
        await using var graph = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(3));
        using var session = await ConnectAsync(graph);

        var failure = await FailureOf(() => session.Client.Users["00000000-0000-0000-0000-000000000000"].Manager.GetAsync());

        Assert.Equal(("GraphNotFound", FailureKind.NotFound), (failure.ErrorId, failure.Kind));
        Assert.Contains("404 (Request_ResourceNotFound)", failure.Message);
        Assert.Contains("does not exist", failure.ServiceMessage);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_LimitsExceeded_with_advice()
    {
        await using var graph = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(3));
        using var session = await ConnectAsync(graph);
        graph.Faults.Add(FaultKind.Throttle, firstCount: 100, pathContains: "/v1.0/users", retryAfterSeconds: 1);

        var failure = await FailureOf(() => session.Client.Users.GetAsync());

        Assert.Equal(("GraphThrottled", FailureKind.Throttled), (failure.ErrorId, failure.Kind));
        Assert.NotNull(failure.RecommendedAction);
        // The SDK's retry handler tried again, honouring Retry-After, before giving up.
        Assert.True(graph.Requests.Count(r => r.PathAndQuery.StartsWith("/v1.0/users", StringComparison.Ordinal)) > 1);
    }

    [Fact]
    public async Task Service_unavailable_that_outlasts_the_retries_is_ServiceUnavailable()
    {
        await using var graph = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(3));
        using var session = await ConnectAsync(graph);
        graph.Faults.Add(FaultKind.Unavailable, firstCount: 100, pathContains: "/v1.0/users");

        // One quick retry instead of the default exponential back-off keeps the test short.
        var failure = await FailureOf(() => session.Client.Users.GetAsync(request => request.Options.Add(new RetryHandlerOption { MaxRetry = 1, Delay = 0 })));

        Assert.Equal(("GraphServiceUnavailable", FailureKind.ServiceUnavailable), (failure.ErrorId, failure.Kind));
    }

    [Fact]
    public async Task A_transient_503_is_retried_and_succeeds()
    {
        await using var graph = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(3));
        using var session = await ConnectAsync(graph);
        graph.Faults.Add(FaultKind.Unavailable, firstCount: 1, pathContains: "/v1.0/users");

        var users = await session.Client.Users.GetAsync();

        Assert.Equal(3, users!.Value!.Count);
    }
}

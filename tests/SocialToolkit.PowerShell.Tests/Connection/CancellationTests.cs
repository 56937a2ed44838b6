using System.Management.Automation;
using SocialToolkit.FakeGraph;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Connection;

public sealed class CancellationTests
{
    [Fact]
    public async Task Stopping_the_pipeline_cancels_the_Graph_call_in_flight()
    {
        await using var graph = await FakeGraphServer.StartAsync();
        // Every request would take a minute: only cancellation can end the command sooner.
        graph.Latency = TimeSpan.FromMinutes(1);
        using var session = new ModuleSession();
        using var shell = session.CreateShell(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint",
            new Dictionary<string, object?> { ["token"] = ConnectTests.Secure(ConnectTests.FakeAccessToken(graph.Tenant.TenantId)), ["endpoint"] = graph.BaseUrl });

        var running = shell.BeginInvoke();
        while (!graph.Requests.Any(r => r.PathAndQuery.StartsWith("/v1.0/organization", StringComparison.Ordinal)))
        {
            await Task.Delay(20);
        }

        var stop = Task.Factory.FromAsync(shell.BeginStop(null, null), shell.EndStop);
        var finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(stop, finished);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.True(running.IsCompleted);
    }
}

using SocialToolkit.Graph.Connection;
using Xunit;

namespace SocialToolkit.Engine.Tests.Connection;

public sealed class GraphCloudTests
{
    [Theory]
    [InlineData(GraphEnvironment.Global, "https://graph.microsoft.com/v1.0", "https://login.microsoftonline.com/", "https://graph.microsoft.com/.default")]
    [InlineData(GraphEnvironment.USGov, "https://graph.microsoft.us/v1.0", "https://login.microsoftonline.us/", "https://graph.microsoft.us/.default")]
    [InlineData(GraphEnvironment.USGovDoD, "https://dod-graph.microsoft.us/v1.0", "https://login.microsoftonline.us/", "https://dod-graph.microsoft.us/.default")]
    [InlineData(GraphEnvironment.China, "https://microsoftgraph.chinacloudapi.cn/v1.0", "https://login.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn/.default")]
    public void Each_cloud_has_its_own_Graph_root_authority_and_scope(GraphEnvironment environment, string root, string authority, string scope)
    {
        Assert.Equal(root, GraphCloud.GraphRoot(environment).ToString());
        Assert.Equal(authority, GraphCloud.Authority(environment).ToString());
        Assert.Equal(scope, GraphCloud.DefaultScope(environment));
        Assert.All(GraphCloud.DelegatedScopes(environment), s => Assert.StartsWith(scope.Replace(".default", string.Empty), s));
    }

    [Fact]
    public void Token_claims_give_tenant_roles_and_delegation_without_validating()
    {
        static string Segment(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var app = AccessTokenClaims.TryRead(Segment("{}") + "." + Segment("{\"tid\":\"t1\",\"roles\":[\"User.Read.All\",\"Reports.Read.All\"],\"exp\":1900000000}") + ".sig")!;
        Assert.Equal(("t1", false), (app.TenantId, app.IsDelegated));
        Assert.Equal(new[] { "Reports.Read.All", "User.Read.All" }, app.Permissions);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), app.ExpiresOn);

        var user = AccessTokenClaims.TryRead(Segment("{}") + "." + Segment("{\"scp\":\"User.Read LearningContent.Read.All\"}") + ".sig")!;
        Assert.True(user.IsDelegated);
        Assert.Equal(new[] { "LearningContent.Read.All", "User.Read" }, user.Permissions);

        Assert.Null(AccessTokenClaims.TryRead("opaque-token"));
        Assert.Null(AccessTokenClaims.TryRead("a.%%%.c"));
    }
}

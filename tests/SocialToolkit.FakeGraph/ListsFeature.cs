using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SocialToolkit.FakeGraph;

/// <summary>A SharePoint list: rows of column internal name → value (string, number, bool or date).</summary>
public sealed class FakeList
{
    public string SiteId { get; set; } = "contoso.sharepoint.com,11111111-1111-1111-1111-111111111111,22222222-2222-2222-2222-222222222222";
    public string ListId { get; set; } = Guid.NewGuid().ToString();
    public List<Dictionary<string, object?>> Items { get; } = new();
}

/// <summary>GET /v1.0/sites/{site}/lists/{list}/items?$expand=fields, paged with @odata.nextLink.</summary>
public sealed class ListsFeature : IFakeGraphFeature
{
    public List<FakeList> Lists { get; } = new();

    public int PageSize { get; set; } = 50;

    public void Map(WebApplication app, FakeGraphServer server)
    {
        server.MapGraph(app, "GET", "/v1.0/sites/{site}/lists/{list}/items", context =>
        {
            var site = Uri.UnescapeDataString((string)context.Request.RouteValues["site"]!);
            var listId = Uri.UnescapeDataString((string)context.Request.RouteValues["list"]!);
            var list = Lists.FirstOrDefault(l => l.SiteId == site && l.ListId == listId);
            if (list == null)
            {
                return FakeGraphServer.WriteError(context, 404, "itemNotFound", "The provided path does not exist, or does not represent a site list.");
            }

            var expandFields = context.Request.Query["$expand"].ToString().Split(',').Any(e => e.Trim().StartsWith("fields", StringComparison.OrdinalIgnoreCase));
            var skip = context.Request.Query.TryGetValue("$skiptoken", out var token) ? int.Parse(token!, CultureInfo.InvariantCulture) : 0;
            var page = list.Items.Skip(skip).Take(PageSize).Select((fields, i) => (Fields: fields, Id: skip + i + 1)).ToList();
            var next = skip + page.Count < list.Items.Count
                ? $"{server.BaseUrl}/sites/{Uri.EscapeDataString(site)}/lists/{Uri.EscapeDataString(listId)}/items?$expand=fields&$skiptoken={skip + page.Count}"
                : null;
            return FakeGraphServer.WriteCollection(context, page.Select(item =>
            {
                var json = new JsonObject
                {
                    ["@odata.etag"] = "\"" + item.Id.ToString(CultureInfo.InvariantCulture) + ",1\"",
                    ["id"] = item.Id.ToString(CultureInfo.InvariantCulture),
                    ["createdDateTime"] = "2026-09-01T08:00:00Z",
                };
                if (expandFields)
                {
                    var fields = new JsonObject { ["@odata.etag"] = "\"" + item.Id.ToString(CultureInfo.InvariantCulture) + ",1\"", ["id"] = item.Id.ToString(CultureInfo.InvariantCulture) };
                    foreach (var (name, value) in item.Fields)
                    {
                        fields[name] = value switch
                        {
                            null => null,
                            string s => s,
                            bool b => b,
                            int n => n,
                            double d => d,
                            DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                        };
                    }

                    json["fields"] = fields;
                }

                return json;
            }), next, server.BaseUrl + "/$metadata#sites('" + site + "')/lists('" + listId + "')/items");
        });
    }
}

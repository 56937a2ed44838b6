using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>Where training records come from: Viva Learning, or a SharePoint list with a column map.</summary>
    public sealed class TrainingSource
    {
        public const string VivaLearning = "VivaLearning";
        public const string SharePointList = "SharePointList";

        /// <summary>The fields of a training record a SharePoint list column can feed.</summary>
        public static readonly string[] MappableFields =
        {
            "UserPrincipalName", "CourseId", "CourseTitle", "Status", "CompletedDate", "AssignedDate", "CompletionPercentage", "Provider",
        };

        public string Kind { get; set; } = VivaLearning;

        public string? SiteId { get; set; }

        public string? ListId { get; set; }

        /// <summary>Our field name → list column (internal) name. Fields not mapped are looked up under their own name.</summary>
        public IDictionary<string, string> ColumnMap { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Checks the settings and returns a normalised copy; errors name the parameter.</summary>
        public static TrainingSource Create(string kind, string? siteId, string? listId, IDictionary<string, string>? columnMap)
        {
            var normalisedKind = string.Equals(kind, VivaLearning, StringComparison.OrdinalIgnoreCase) ? VivaLearning
                : string.Equals(kind, SharePointList, StringComparison.OrdinalIgnoreCase) ? SharePointList
                : throw new SocialToolkitException("UnknownTrainingSource", FailureKind.InvalidArgument, $"The training source must be VivaLearning or SharePointList, not '{kind}'.", "Source");
            var source = new TrainingSource { Kind = normalisedKind };
            if (normalisedKind == SharePointList)
            {
                source.SiteId = string.IsNullOrWhiteSpace(siteId) ? throw new SocialToolkitException("MissingParameter", FailureKind.InvalidArgument, "-SiteId is required with the SharePointList source (the site id, e.g. contoso.sharepoint.com,<guid>,<guid>).", "SiteId") : siteId!.Trim();
                source.ListId = string.IsNullOrWhiteSpace(listId) ? throw new SocialToolkitException("MissingParameter", FailureKind.InvalidArgument, "-ListId is required with the SharePointList source (the list id or its display name).", "ListId") : listId!.Trim();
                foreach (var entry in columnMap ?? new Dictionary<string, string>())
                {
                    var field = MappableFields.FirstOrDefault(f => string.Equals(f, entry.Key?.Trim(), StringComparison.OrdinalIgnoreCase))
                        ?? throw new SocialToolkitException("UnknownColumnMapField", FailureKind.InvalidArgument, $"-ColumnMap has the key '{entry.Key}', which is not a training field. Use: {string.Join(", ", MappableFields)}.", "ColumnMap");
                    if (string.IsNullOrWhiteSpace(entry.Value))
                    {
                        throw new SocialToolkitException("EmptyColumnMapValue", FailureKind.InvalidArgument, $"-ColumnMap maps '{field}' to an empty column name.", "ColumnMap");
                    }

                    source.ColumnMap[field] = entry.Value.Trim();
                }
            }
            else if (siteId != null || listId != null || (columnMap != null && columnMap.Count > 0))
            {
                throw new SocialToolkitException("ParameterNotForSource", FailureKind.InvalidArgument, "-SiteId, -ListId and -ColumnMap apply to the SharePointList source only.", "SiteId");
            }

            return source;
        }

        /// <summary>The list column that feeds <paramref name="field"/>.</summary>
        public string Column(string field) => ColumnMap.TryGetValue(field, out var column) ? column : field;

        public string Serialize() => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = Kind,
            ["siteId"] = SiteId,
            ["listId"] = ListId,
            ["columnMap"] = ColumnMap.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value),
        });

        public static TrainingSource? Deserialize(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(text!);
                var root = document.RootElement;
                string? Read(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (root.TryGetProperty("columnMap", out var columns) && columns.ValueKind == JsonValueKind.Object)
                {
                    foreach (var column in columns.EnumerateObject())
                    {
                        map[column.Name] = column.Value.GetString() ?? string.Empty;
                    }
                }

                return Create(Read("kind") ?? string.Empty, Read("siteId"), Read("listId"), map);
            }
            catch (JsonException e)
            {
                throw new SocialToolkitException("StoredTrainingSourceUnreadable", FailureKind.InvalidData, "The training source remembered in the store cannot be read; give -TrainingSource again. " + e.Message, "TrainingSource", e);
            }
        }

        public override string ToString() => Kind == SharePointList ? $"SharePointList {SiteId} / {ListId}" : Kind;
    }
}

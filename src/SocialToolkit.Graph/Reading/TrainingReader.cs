using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using TrainingStatus = SocialToolkit.Core.Model.TrainingStatus;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>A person whose training is read: directory id (or UPN, which Graph also accepts) and UPN.</summary>
    public sealed class Learner
    {
        public Learner(string userId, string userPrincipalName)
        {
            UserId = userId;
            UserPrincipalName = userPrincipalName;
        }

        public string UserId { get; }

        public string UserPrincipalName { get; }
    }

    /// <summary>
    /// Reads training records from Viva Learning (delegated sign-in only: LearningContent.Read.All,
    /// LearningAssignedCourse.Read.All, LearningSelfInitiatedCourse.Read.All) or from a SharePoint list
    /// (Sites.Read.All, app-only friendly).
    /// </summary>
    public static class TrainingReader
    {
        private const string Activity = "Reading training records";

        /// <summary>
        /// Reads the records of <paramref name="source"/>. Viva Learning needs the people to ask about
        /// (<paramref name="learners"/>); a SharePoint list holds everyone's rows and is filtered by
        /// <paramref name="userPrincipalNames"/> when given.
        /// </summary>
        public static Task<List<TrainingRecord>> ReadAsync(GraphSession session, TrainingSource source, IReadOnlyList<Learner> learners, IReadOnlyCollection<string>? userPrincipalNames, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken) =>
            source.Kind == TrainingSource.VivaLearning
                ? ReadVivaLearningAsync(session, learners, options, reporter, cancellationToken)
                : ReadSharePointListAsync(session, source, userPrincipalNames, options, reporter, cancellationToken);

        /// <summary>Fails early, with a way out, when the session cannot read course activities.</summary>
        public static void RequireDelegated(GraphSession session)
        {
            if (!session.Info.IsDelegated)
            {
                throw new SocialToolkitException(
                    "VivaLearningNeedsDelegatedSignIn",
                    FailureKind.PermissionDenied,
                    $"Viva Learning course activities can only be read with a delegated sign-in (a user), but this session is app-only ({session.Info.AuthMode}). " +
                    "Microsoft Graph offers learningCourseActivities with delegated permissions only (LearningAssignedCourse.Read.All, LearningSelfInitiatedCourse.Read.All).",
                    "Source")
                {
                    RecommendedAction = "Run Connect-SocialToolkit -TenantId <tenant> -ClientId <app> -DeviceCode, or keep training in a SharePoint list and use -Source SharePointList.",
                };
            }
        }

        private static async Task<List<TrainingRecord>> ReadVivaLearningAsync(GraphSession session, IReadOnlyList<Learner> learners, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            RequireDelegated(session);
            var client = session.Client;
            var providers = await ReadAllAsync(
                token => client.EmployeeExperience.LearningProviders.GetAsync(r => r.Options.Add(options.RetryOption()), token),
                (url, token) => client.EmployeeExperience.LearningProviders.WithUrl(url).GetAsync(r => r.Options.Add(options.RetryOption()), token),
                page => page.Value,
                page => page.OdataNextLink,
                session.Info.GraphEndpoint,
                options,
                reporter,
                "listing Viva Learning providers",
                cancellationToken).ConfigureAwait(false);

            var enabled = providers.Where(IsEnabled).ToList();
            var disabled = providers.Where(p => !IsEnabled(p)).ToList();
            if (enabled.Count == 0)
            {
                var names = disabled.Count == 0 ? "none is registered" : string.Join(", ", disabled.Select(p => "'" + (p.DisplayName ?? p.Id) + "'")) + (disabled.Count == 1 ? " is" : " are") + " not enabled";
                throw new SocialToolkitException(
                    "LearningProviderNotEnabled",
                    FailureKind.NotEnabled,
                    $"No Viva Learning provider can report course activities: {names} (isCourseActivitySyncEnabled is false). Enable the provider in the Microsoft 365 admin centre (Settings > Org settings > Viva Learning) or have it sync course activities.",
                    "Source");
            }

            foreach (var provider in disabled)
            {
                reporter.Warning($"The Viva Learning provider '{provider.DisplayName ?? provider.Id}' is not enabled (isCourseActivitySyncEnabled is false): it reports no course activities.");
            }

            var titles = new Dictionary<string, (string Title, string Provider)>(StringComparer.OrdinalIgnoreCase);
            foreach (var provider in enabled)
            {
                var contents = await ReadAllAsync(
                    token => client.EmployeeExperience.LearningProviders[provider.Id].LearningContents.GetAsync(r => r.Options.Add(options.RetryOption()), token),
                    (url, token) => client.EmployeeExperience.LearningProviders[provider.Id].LearningContents.WithUrl(url).GetAsync(r => r.Options.Add(options.RetryOption()), token),
                    page => page.Value,
                    page => page.OdataNextLink,
                    session.Info.GraphEndpoint,
                    options,
                    reporter,
                    "listing learning contents of " + provider.DisplayName,
                    cancellationToken).ConfigureAwait(false);
                foreach (var content in contents.Where(c => c.Id != null))
                {
                    titles[content.Id!] = (content.Title ?? content.Id!, provider.DisplayName ?? provider.Id ?? string.Empty);
                    if (!string.IsNullOrEmpty(content.ExternalId) && !titles.ContainsKey(content.ExternalId!))
                    {
                        titles[content.ExternalId!] = titles[content.Id!];
                    }
                }
            }

            var providerNames = providers.Where(p => p.Id != null).ToDictionary(p => p.Id!, p => p.DisplayName ?? p.Id!, StringComparer.OrdinalIgnoreCase);
            var requests = learners.Select(l => new KeyValuePair<string, string>(l.UserId, "/users/" + Uri.EscapeDataString(l.UserId) + "/employeeExperience/learningCourseActivities")).ToList();
            IReadOnlyDictionary<string, LearningCourseActivityCollectionResponse?> pages;
            try
            {
                pages = await GraphBatchRunner.GetAsync(
                    client,
                    requests,
                    GraphBatchRunner.Model(LearningCourseActivityCollectionResponse.CreateFromDiscriminatorValue),
                    options,
                    reporter,
                    "reading Viva Learning course activities",
                    done => reporter.Progress(Activity, string.Format(CultureInfo.InvariantCulture, "Course activities: {0} of {1} people", done, requests.Count), (int)(100L * done / Math.Max(1, requests.Count))),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (SocialToolkitException e) when (e.Kind == FailureKind.PermissionDenied)
            {
                throw new SocialToolkitException(e.ErrorId, e.Kind, e.Message + " Course activities need a delegated sign-in with LearningAssignedCourse.Read.All and LearningSelfInitiatedCourse.Read.All.", e.Target, e)
                {
                    RecommendedAction = "Connect-SocialToolkit -DeviceCode with a user who may read learners' course activities, or use -Source SharePointList.",
                };
            }

            var records = new List<TrainingRecord>();
            foreach (var learner in learners)
            {
                if (!pages.TryGetValue(learner.UserId, out var page) || page == null)
                {
                    continue;
                }

                var activities = new List<LearningCourseActivity>(page.Value ?? new List<LearningCourseActivity>());
                var next = page.OdataNextLink;
                var links = new NextLinkGuard(session.Info.GraphEndpoint, "reading course activities of " + learner.UserPrincipalName);
                while (!string.IsNullOrEmpty(next))
                {
                    var url = links.Check(next!);
                    var more = await TransientRetry.RunAsync(
                        token => client.Users[learner.UserId].EmployeeExperience.LearningCourseActivities.WithUrl(url).GetAsync(r => r.Options.Add(options.RetryOption()), token),
                        options,
                        reporter,
                        "reading course activities of " + learner.UserPrincipalName,
                        cancellationToken).ConfigureAwait(false);
                    activities.AddRange(more?.Value ?? new List<LearningCourseActivity>());
                    next = more?.OdataNextLink;
                }

                foreach (var activity in activities)
                {
                    var contentId = activity.LearningContentId ?? string.Empty;
                    titles.TryGetValue(contentId, out var content);
                    string? providerName = null;
                    if (activity.LearningProviderId != null)
                    {
                        providerNames.TryGetValue(activity.LearningProviderId, out providerName);
                    }

                    records.Add(new TrainingRecord
                    {
                        UserPrincipalName = learner.UserPrincipalName,
                        CourseId = contentId,
                        CourseTitle = content.Title ?? contentId,
                        Provider = providerName ?? content.Provider,
                        Status = activity.Status switch
                        {
                            CourseStatus.Completed => TrainingStatus.Completed,
                            CourseStatus.InProgress => TrainingStatus.InProgress,
                            _ => TrainingStatus.NotStarted,
                        },
                        AssignedDate = (activity as LearningAssignment)?.AssignedDateTime?.UtcDateTime.Date,
                        CompletedDate = activity.CompletedDateTime?.UtcDateTime.Date,
                        CompletionPercentage = activity.CompletionPercentage,
                        Source = TrainingSource.VivaLearning,
                    });
                }
            }

            return records;
        }

        private static bool IsEnabled(LearningProvider provider)
        {
            if (provider.IsCourseActivitySyncEnabled == false)
            {
                return false;
            }

            // Some payloads also carry "isEnabled"; honour it when present.
            if (provider.AdditionalData != null && provider.AdditionalData.TryGetValue("isEnabled", out var raw) && FieldValues.Text(raw) is string text)
            {
                return !string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
            }

            return true;
        }

        private static async Task<List<TrainingRecord>> ReadSharePointListAsync(GraphSession session, TrainingSource source, IReadOnlyCollection<string>? userPrincipalNames, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var client = session.Client;
            var wanted = userPrincipalNames == null || userPrincipalNames.Count == 0 ? null : new HashSet<string>(userPrincipalNames, StringComparer.OrdinalIgnoreCase);
            var items = client.Sites[source.SiteId].Lists[source.ListId].Items;
            var listName = $"list '{source.ListId}' of site '{source.SiteId}'";
            var listLinks = new NextLinkGuard(session.Info.GraphEndpoint, "reading " + listName);
            var records = new List<TrainingRecord>();
            var blank = 0;
            var page = await TransientRetry.RunAsync(
                token => items.GetAsync(
                    r =>
                    {
                        r.QueryParameters.Expand = new[] { "fields" };
                        r.Options.Add(options.RetryOption());
                    },
                    token),
                options,
                reporter,
                "reading " + listName,
                cancellationToken).ConfigureAwait(false);
            while (page != null)
            {
                foreach (var item in page.Value ?? new List<ListItem>())
                {
                    var record = ToRecord(item, source, listName);
                    if (record == null)
                    {
                        blank++;
                    }
                    else if (wanted == null || wanted.Contains(record.UserPrincipalName))
                    {
                        records.Add(record);
                    }
                }

                reporter.Progress(Activity, string.Format(CultureInfo.InvariantCulture, "{0} list items read", records.Count + blank));
                var next = page.OdataNextLink;
                if (string.IsNullOrEmpty(next))
                {
                    break;
                }

                next = listLinks.Check(next!);

                page = await TransientRetry.RunAsync(
                    token => items.WithUrl(next).GetAsync(r => r.Options.Add(options.RetryOption()), token),
                    options,
                    reporter,
                    "reading " + listName,
                    cancellationToken).ConfigureAwait(false);
            }

            if (blank > 0)
            {
                reporter.Warning(string.Format(CultureInfo.InvariantCulture, "{0} item(s) of the {1} have no value in column '{2}' (UserPrincipalName) and were skipped.", blank, listName, source.Column("UserPrincipalName")));
            }

            return records;
        }

        /// <summary>One list item as a training record; null when the item names nobody.</summary>
        internal static TrainingRecord? ToRecord(ListItem item, TrainingSource source, string listName)
        {
            var fields = item.Fields?.AdditionalData ?? new Dictionary<string, object>();
            var where = $"item {item.Id} of the {listName}";
            string? Field(string name)
            {
                var column = source.Column(name);
                return fields.TryGetValue(column, out var value) ? FieldValues.Text(value) : null;
            }

            var upn = Field("UserPrincipalName")?.Trim();
            if (string.IsNullOrEmpty(upn))
            {
                return null;
            }

            var courseId = Field("CourseId")?.Trim();
            var title = Field("CourseTitle")?.Trim();
            if (string.IsNullOrEmpty(courseId) && string.IsNullOrEmpty(title))
            {
                throw new SocialToolkitException("TrainingItemWithoutCourse", FailureKind.InvalidData, $"The {where} has no course: columns '{source.Column("CourseId")}' (CourseId) and '{source.Column("CourseTitle")}' (CourseTitle) are both empty or missing. Map them with -ColumnMap.", "ColumnMap");
            }

            var completed = ParseDate(Field("CompletedDate"), where, source.Column("CompletedDate"));
            var status = ParseStatus(Field("Status"), completed, where, source.Column("Status"));
            int? percentage = null;
            var percentText = Field("CompletionPercentage");
            if (!string.IsNullOrWhiteSpace(percentText))
            {
                if (!double.TryParse(percentText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 100)
                {
                    throw new SocialToolkitException("TrainingItemInvalid", FailureKind.InvalidData, $"The {where} has '{percentText}' in column '{source.Column("CompletionPercentage")}' (CompletionPercentage), where a number from 0 to 100 was expected.", "ColumnMap");
                }

                percentage = (int)Math.Round(value, MidpointRounding.AwayFromZero);
            }

            return new TrainingRecord
            {
                UserPrincipalName = upn!,
                CourseId = string.IsNullOrEmpty(courseId) ? title! : courseId!,
                CourseTitle = string.IsNullOrEmpty(title) ? courseId! : title!,
                Provider = Field("Provider"),
                Status = status,
                AssignedDate = ParseDate(Field("AssignedDate"), where, source.Column("AssignedDate")),
                CompletedDate = completed,
                CompletionPercentage = percentage,
                Source = TrainingSource.SharePointList,
            };
        }

        private static DateTime? ParseDate(string? text, string where, string column)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                return value.UtcDateTime.Date;
            }

            throw new SocialToolkitException("TrainingItemInvalid", FailureKind.InvalidData, $"The {where} has '{text}' in column '{column}', where a date (yyyy-MM-dd) was expected.", "ColumnMap");
        }

        private static TrainingStatus ParseStatus(string? text, DateTime? completed, string where, string column)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return completed.HasValue ? TrainingStatus.Completed : TrainingStatus.NotStarted;
            }

            if (TrainingStatusText.TryParse(text!, out var status))
            {
                return status;
            }

            throw new SocialToolkitException("TrainingItemInvalid", FailureKind.InvalidData, $"The {where} has '{text}' in column '{column}' (Status); expected NotStarted, InProgress or Completed.", "ColumnMap");
        }

        private static async Task<List<TItem>> ReadAllAsync<TPage, TItem>(
            Func<CancellationToken, Task<TPage?>> first,
            Func<string, CancellationToken, Task<TPage?>> next,
            Func<TPage, List<TItem>?> items,
            Func<TPage, string?> nextLink,
            Uri endpoint,
            GraphReadOptions options,
            IOperationReporter reporter,
            string operation,
            CancellationToken cancellationToken)
            where TPage : class
        {
            var links = new NextLinkGuard(endpoint, operation);
            var all = new List<TItem>();
            var page = await TransientRetry.RunAsync(first, options, reporter, operation, cancellationToken).ConfigureAwait(false);
            while (page != null)
            {
                all.AddRange(items(page) ?? new List<TItem>());
                var link = nextLink(page);
                if (string.IsNullOrEmpty(link))
                {
                    break;
                }

                var checkedLink = links.Check(link!);
                page = await TransientRetry.RunAsync(token => next(checkedLink, token), options, reporter, operation, cancellationToken).ConfigureAwait(false);
            }

            return all;
        }
    }

    /// <summary>Turns the loosely typed values of Graph's additional data into text.</summary>
    internal static class FieldValues
    {
        public static string? Text(object? value) => value switch
        {
            null => null,
            string s => s,
            DateTime d when d.Kind == DateTimeKind.Unspecified => d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            DateTime d => d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "Z",
            DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            UntypedString s => s.GetValue(),
            UntypedBoolean b => b.GetValue() ? "true" : "false",
            UntypedInteger i => i.GetValue().ToString(CultureInfo.InvariantCulture),
            UntypedLong l => l.GetValue().ToString(CultureInfo.InvariantCulture),
            UntypedDouble d => d.GetValue().ToString(CultureInfo.InvariantCulture),
            UntypedDecimal d => d.GetValue().ToString(CultureInfo.InvariantCulture),
            UntypedFloat f => f.GetValue().ToString(CultureInfo.InvariantCulture),
            UntypedNull _ => null,
            JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ValueKind == JsonValueKind.Null ? null : e.GetRawText(),
            _ => value.ToString(),
        };
    }
}

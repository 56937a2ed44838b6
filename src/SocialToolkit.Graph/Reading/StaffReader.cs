using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Abstractions;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;
using Person = SocialToolkit.Core.Model.Person;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>What part of the directory to read.</summary>
    public sealed class StaffQuery
    {
        /// <summary>Only people of this department (exact match, as Graph's $filter eq compares).</summary>
        public string? Department { get; set; }

        /// <summary>Also read accounts that are disabled (leavers keep their history in the store).</summary>
        public bool IncludeDisabled { get; set; }

        /// <summary>Also read guests (B2B accounts); by default only members are read.</summary>
        public bool IncludeGuests { get; set; }

        /// <summary>Resolve each person's manager (one extra lookup per person, batched).</summary>
        public bool IncludeManager { get; set; } = true;
    }

    /// <summary>Reads people from /users, with their manager. Needs User.Read.All.</summary>
    public static class StaffReader
    {
        /// <summary>Graph's largest page of /users.</summary>
        internal const int PageSize = 999;

        internal static readonly string[] SelectedProperties =
        {
            "id", "userPrincipalName", "displayName", "mail", "department", "jobTitle", "officeLocation", "country", "employeeHireDate", "employeeLeaveDateTime", "userType", "accountEnabled",
        };

        private const string Activity = "Reading staff from Microsoft Graph";

        public static async Task<IReadOnlyList<Person>> ReadAsync(GraphSession session, StaffQuery query, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var client = session.Client;
            var filter = BuildFilter(query);
            var people = new List<Person>();

            // Our own nextLink loop rather than PageIterator: each page is its own retryable call, so a connection
            // dropped on page 80 of 100 repeats that page only, and the retry option rides along on every page.
            // Requests go through the SDK (request builders, auth, retry and redirect middleware), but each page is
            // parsed straight into Person: the typed User model builds a map of ~150 property readers per user,
            // which at 100,000 users costs more than all the round trips together.
            const string operation = "reading /users";
            var first = client.Users.ToGetRequestInformation(request =>
            {
                request.QueryParameters.Select = SelectedProperties;
                request.QueryParameters.Top = PageSize;
                request.QueryParameters.Filter = filter;
            });
            var links = new NextLinkGuard(session.Info.GraphEndpoint, operation);
            string? next = await TransientRetry.RunAsync(token => ReadPageAsync(client, first, options, people, token), options, reporter, operation, cancellationToken).ConfigureAwait(false);
            reporter.Progress(Activity, string.Format(CultureInfo.InvariantCulture, "{0} people read", people.Count));
            while (!string.IsNullOrEmpty(next))
            {
                var page = client.Users.WithUrl(links.Check(next!)).ToGetRequestInformation();
                next = await TransientRetry.RunAsync(token => ReadPageAsync(client, page, options, people, token), options, reporter, operation, cancellationToken).ConfigureAwait(false);
                reporter.Progress(Activity, string.Format(CultureInfo.InvariantCulture, "{0} people read", people.Count));
            }

            if (!query.IncludeGuests)
            {
                // The filter already asks for members; a #EXT# account typed Member is still a guest.
                people.RemoveAll(p => StaffAccount.Classify(p.UserType, p.UserPrincipalName) == StaffAccount.Guest);
            }

            if (query.IncludeManager && people.Count > 0)
            {
                await ResolveManagersAsync(session, people, options, reporter, cancellationToken).ConfigureAwait(false);
            }

            return people;
        }

        private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new Dictionary<string, ParsableFactory<IParsable>>
        {
            ["XXX"] = ODataError.CreateFromDiscriminatorValue,
        };

        /// <summary>Reads one page into <paramref name="people"/> (only once it parsed whole); returns the nextLink.</summary>
        private static async Task<string?> ReadPageAsync(GraphServiceClient client, RequestInformation request, GraphReadOptions options, List<Person> people, CancellationToken cancellationToken)
        {
            request.AddRequestOptions(new[] { options.RetryOption() });
            using var body = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken).ConfigureAwait(false);
            if (body == null)
            {
                return null;
            }

            using var page = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
            var read = new List<Person>();
            if (page.RootElement.TryGetProperty("value", out var users) && users.ValueKind == JsonValueKind.Array)
            {
                foreach (var user in users.EnumerateArray())
                {
                    read.Add(ToPerson(user));
                }
            }

            people.AddRange(read);
            return page.RootElement.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        }

        internal static Person ToPerson(JsonElement user)
        {
            string? Text(string name) => user.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var id = Text("id") ?? string.Empty;
            var upn = Text("userPrincipalName") ?? id;
            DateTime? Day(string name) =>
                Text(name) is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.UtcDateTime.Date : (DateTime?)null;

            return new Person
            {
                Id = id,
                UserPrincipalName = upn,
                DisplayName = Text("displayName") ?? upn,
                Mail = Text("mail"),
                Department = Text("department"),
                JobTitle = Text("jobTitle"),
                OfficeLocation = Text("officeLocation"),
                Country = Text("country"),
                HireDate = Day("employeeHireDate"),
                LeaveDate = Day("employeeLeaveDateTime"),
                UserType = StaffAccount.Classify(Text("userType"), upn),
                Enabled = !user.TryGetProperty("accountEnabled", out var enabled) || enabled.ValueKind != JsonValueKind.False,
            };
        }

        internal static string? BuildFilter(StaffQuery query)
        {
            var clauses = new List<string>();
            if (!string.IsNullOrEmpty(query.Department))
            {
                clauses.Add("department eq '" + query.Department!.Replace("'", "''") + "'");
            }

            if (!query.IncludeDisabled)
            {
                clauses.Add("accountEnabled eq true");
            }

            if (!query.IncludeGuests)
            {
                clauses.Add("userType eq 'Member'");
            }

            return clauses.Count == 0 ? null : string.Join(" and ", clauses);
        }

        /// <summary>
        /// Fills ManagerId and ManagerUserPrincipalName.
        /// Why $batch of /users/{id}/manager: $expand=manager caps /users pages at 100 (ten times the round trips
        /// of 999-row pages, strictly one after the other, since each page needs the previous nextLink). Deriving
        /// managers from directReports is no cheaper: nobody can tell who manages people without asking each
        /// person, and $expand=directReports returns at most 20 reports. So the listing keeps its 999-row pages
        /// and the manager of each person is asked 20 at a time in $batch requests, several in flight at once,
        /// with throttled steps retried one by one.
        /// </summary>
        private static async Task ResolveManagersAsync(GraphSession session, List<Person> people, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var client = session.Client;
            var requests = people
                .Where(p => !string.IsNullOrEmpty(p.Id))
                .Select(p => new KeyValuePair<string, string>(p.Id, "/users/" + Uri.EscapeDataString(p.Id) + "/manager?$select=id,userPrincipalName"))
                .ToList();
            var total = requests.Count;
            var managers = await GraphBatchRunner.GetAsync(
                client,
                requests,
                body => ToPerson(body),
                options,
                reporter,
                "reading managers",
                done => reporter.Progress(Activity, string.Format(CultureInfo.InvariantCulture, "Managers: {0} of {1}", done, total), (int)(100L * done / Math.Max(1, total))),
                cancellationToken).ConfigureAwait(false);

            foreach (var person in people)
            {
                if (managers.TryGetValue(person.Id, out var manager) && manager != null)
                {
                    person.ManagerId = manager.Id;
                    person.ManagerUserPrincipalName = manager.UserPrincipalName;
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models;
using Person = SocialToolkit.Core.Model.Person;
using Microsoft.Kiota.Abstractions;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>What part of the directory to read.</summary>
    public sealed class StaffQuery
    {
        /// <summary>Only people of this department (exact match, as Graph's $filter eq compares).</summary>
        public string? Department { get; set; }

        /// <summary>Also read accounts that are disabled (leavers keep their history in the store).</summary>
        public bool IncludeDisabled { get; set; }

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
            "id", "userPrincipalName", "displayName", "mail", "department", "jobTitle", "officeLocation", "country", "employeeHireDate", "accountEnabled",
        };

        private const string Activity = "Reading staff from Microsoft Graph";

        public static async Task<IReadOnlyList<Person>> ReadAsync(GraphSession session, StaffQuery query, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var client = session.Client;
            var filter = BuildFilter(query);
            var people = new List<Person>();

            // Our own nextLink loop rather than PageIterator: each page is its own retryable call, so a connection
            // dropped on page 80 of 100 repeats that page only, and the retry option rides along on every page.
            var operation = "reading /users";
            var page = await TransientRetry.RunAsync(
                token => client.Users.GetAsync(
                    request =>
                    {
                        request.QueryParameters.Select = SelectedProperties;
                        request.QueryParameters.Top = PageSize;
                        request.QueryParameters.Filter = filter;
                        request.Options.Add(options.RetryOption());
                    },
                    token),
                options,
                reporter,
                operation,
                cancellationToken).ConfigureAwait(false);
            while (page != null)
            {
                foreach (var user in page.Value ?? new List<User>())
                {
                    people.Add(ToPerson(user));
                }

                reporter.Progress(Activity, string.Format(CultureInfo.InvariantCulture, "{0} people read", people.Count));
                var next = page.OdataNextLink;
                if (string.IsNullOrEmpty(next))
                {
                    break;
                }

                page = await TransientRetry.RunAsync(
                    token => client.Users.WithUrl(next).GetAsync(request => request.Options.Add(options.RetryOption()), token),
                    options,
                    reporter,
                    operation,
                    cancellationToken).ConfigureAwait(false);
            }

            if (query.IncludeManager && people.Count > 0)
            {
                await ResolveManagersAsync(session, people, options, reporter, cancellationToken).ConfigureAwait(false);
            }

            return people;
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
                .Select(p => new KeyValuePair<string, RequestInformation>(
                    p.Id,
                    client.Users[p.Id].Manager.ToGetRequestInformation(request => request.QueryParameters.Select = new[] { "id", "userPrincipalName" })))
                .ToList();
            var total = requests.Count;
            var managers = await GraphBatchRunner.GetAsync(
                client,
                requests,
                DirectoryObject.CreateFromDiscriminatorValue,
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
                    person.ManagerUserPrincipalName = (manager as User)?.UserPrincipalName ?? ReadString(manager, "userPrincipalName");
                }
            }
        }

        private static string? ReadString(DirectoryObject value, string property) =>
            value.AdditionalData != null && value.AdditionalData.TryGetValue(property, out var raw) ? raw?.ToString() : null;

        internal static Person ToPerson(User user) => new Person
        {
            Id = user.Id ?? string.Empty,
            UserPrincipalName = user.UserPrincipalName ?? user.Id ?? string.Empty,
            DisplayName = user.DisplayName ?? user.UserPrincipalName ?? string.Empty,
            Mail = user.Mail,
            Department = user.Department,
            JobTitle = user.JobTitle,
            OfficeLocation = user.OfficeLocation,
            Country = user.Country,
            HireDate = user.EmployeeHireDate?.UtcDateTime.Date,
            Enabled = user.AccountEnabled ?? true,
        };
    }
}

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
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;
using Person = SocialToolkit.Core.Model.Person;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>A user as /users/delta sent it: only the properties it carried are known.</summary>
    public sealed class StaffChange
    {
        public StaffChange(Person person, IReadOnlyCollection<string> properties, string? managerId, bool removed)
        {
            Person = person;
            Properties = properties;
            ManagerId = managerId;
            Removed = removed;
        }

        /// <summary>The values sent; properties not in <see cref="Properties"/> are defaults, not news.</summary>
        public Person Person { get; }

        /// <summary>Graph property names present in the change (userPrincipalName, department, manager...).</summary>
        public IReadOnlyCollection<string> Properties { get; }

        /// <summary>The new manager's directory id when the change carried <c>manager@delta</c>.</summary>
        public string? ManagerId { get; }

        /// <summary>The user was deleted from the directory (<c>@removed</c>).</summary>
        public bool Removed { get; }

        public bool Has(string property) => Properties.Contains(property);
    }

    /// <summary>What one round of /users/delta returned.</summary>
    public sealed class StaffDelta
    {
        /// <summary>True when every user was listed (first round, or a resync after the delta link expired).</summary>
        public bool Full { get; set; }

        /// <summary>Why a full round was needed: null for a first round or an incremental one.</summary>
        public string? ResyncReason { get; set; }

        public List<StaffChange> Changes { get; } = new List<StaffChange>();

        /// <summary>The link that gives the next round's changes; kept in the store.</summary>
        public string DeltaLink { get; set; } = string.Empty;

        public int Requests { get; set; }
    }

    /// <summary>
    /// Reads the directory through /users/delta: the first round lists everyone and ends with a delta link; later
    /// rounds from that link return only what changed (with the manager as <c>manager@delta</c>). A link Graph no
    /// longer accepts (410 Gone, or an expired token) starts a full round again. Needs User.Read.All.
    /// </summary>
    public static class StaffDeltaReader
    {
        internal static readonly string[] SelectedProperties =
        {
            "id", "userPrincipalName", "displayName", "mail", "department", "jobTitle", "officeLocation", "country", "employeeHireDate", "employeeLeaveDateTime", "userType", "accountEnabled", "manager",
        };

        private const string Operation = "reading /users/delta";

        private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new Dictionary<string, ParsableFactory<IParsable>>
        {
            ["XXX"] = ODataError.CreateFromDiscriminatorValue,
        };

        public static async Task<StaffDelta> ReadAsync(GraphSession session, string? deltaLink, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(deltaLink))
            {
                try
                {
                    return await ReadRoundAsync(session, deltaLink, options, reporter, cancellationToken).ConfigureAwait(false);
                }
                catch (SocialToolkitException failure) when (failure.InnerException is ApiException e && IsExpired(e))
                {
                    reporter.Warning("The directory's change link has expired (" + Describe(e) + "): reading every user again.");
                    var full = await ReadRoundAsync(session, null, options, reporter, cancellationToken).ConfigureAwait(false);
                    full.ResyncReason = Describe(e);
                    return full;
                }
            }

            return await ReadRoundAsync(session, null, options, reporter, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<StaffDelta> ReadRoundAsync(GraphSession session, string? deltaLink, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var client = session.Client;
            var links = new NextLinkGuard(session.Info.GraphEndpoint, Operation);
            var delta = new StaffDelta { Full = deltaLink == null };
            var request = deltaLink == null
                ? client.Users.Delta.ToGetRequestInformation(r => r.QueryParameters.Select = SelectedProperties)
                : client.Users.Delta.WithUrl(links.Check(deltaLink)).ToGetRequestInformation();
            while (true)
            {
                var page = request;
                var (next, final) = await TransientRetry.RunAsync(token => ReadPageAsync(client, page, options, delta, token), options, reporter, Operation, cancellationToken).ConfigureAwait(false);
                delta.Requests++;
                reporter.Progress("Reading staff from Microsoft Graph", string.Format(CultureInfo.InvariantCulture, "{0} {1} read", delta.Changes.Count, delta.Full ? "people" : "changes"));
                if (!string.IsNullOrEmpty(next))
                {
                    request = client.Users.Delta.WithUrl(links.Check(next!)).ToGetRequestInformation();
                    continue;
                }

                if (string.IsNullOrEmpty(final))
                {
                    throw new SocialToolkitException("GraphDeltaIncomplete", FailureKind.InvalidData, $"Microsoft Graph's last page while {Operation} has neither a next link nor a delta link; the staff was not updated.", "/users/delta");
                }

                // The delta link is checked like a next link: it will be followed, with the token, by the next sync.
                new NextLinkGuard(session.Info.GraphEndpoint, Operation).Check(final!);
                delta.DeltaLink = final!;
                return delta;
            }
        }

        private static async Task<(string? Next, string? Delta)> ReadPageAsync(GraphServiceClient client, RequestInformation request, GraphReadOptions options, StaffDelta delta, CancellationToken cancellationToken)
        {
            request.AddRequestOptions(new[] { options.RetryOption() });
            using var body = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken).ConfigureAwait(false);
            if (body == null)
            {
                throw new SocialToolkitException("GraphEmptyAnswer", FailureKind.InvalidData, $"Microsoft Graph sent an empty answer while {Operation}.", "/users/delta");
            }

            JsonDocument page;
            try
            {
                page = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new SocialToolkitException("GraphMalformedAnswer", FailureKind.InvalidData, $"Microsoft Graph's answer while {Operation} is not valid JSON ({e.Message}).", "/users/delta", e);
            }

            using (page)
            {
                var read = new List<StaffChange>();
                if (page.RootElement.TryGetProperty("value", out var users) && users.ValueKind == JsonValueKind.Array)
                {
                    foreach (var user in users.EnumerateArray())
                    {
                        read.Add(ToChange(user));
                    }
                }

                delta.Changes.AddRange(read);
                string? Link(string name) => page.RootElement.TryGetProperty(name, out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
                return (Link("@odata.nextLink"), Link("@odata.deltaLink"));
            }
        }

        internal static StaffChange ToChange(JsonElement user)
        {
            var properties = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in user.EnumerateObject())
            {
                properties.Add(property.Name);
            }

            string? managerId = null;
            if (user.TryGetProperty("manager@delta", out var managers) && managers.ValueKind == JsonValueKind.Array)
            {
                properties.Add("manager");
                foreach (var manager in managers.EnumerateArray())
                {
                    var removed = manager.TryGetProperty("@removed", out _);
                    if (!removed && manager.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        managerId = id.GetString();
                    }
                }
            }

            var person = StaffReader.ToPerson(user);
            if (!properties.Contains("userPrincipalName"))
            {
                person.UserPrincipalName = string.Empty;
            }

            return new StaffChange(person, properties, managerId, user.TryGetProperty("@removed", out _));
        }

        private static bool IsExpired(ApiException e)
        {
            if (e.ResponseStatusCode == 410)
            {
                return true;
            }

            var code = (e as ODataError)?.Error?.Code ?? string.Empty;
            return e.ResponseStatusCode == 400 && (code.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0 || code.IndexOf("sync", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        private static string Describe(ApiException e) =>
            "Graph answered " + e.ResponseStatusCode.ToString(CultureInfo.InvariantCulture) + ((e as ODataError)?.Error?.Code is string code && code.Length > 0 ? " " + code : string.Empty);
    }
}

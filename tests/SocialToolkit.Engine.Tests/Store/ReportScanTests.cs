using SocialToolkit.Core.Model;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>The numbered scan reports read: every row as it is stored, whatever its counts or the case of its network.</summary>
public sealed class ReportScanTests
{
    private static readonly DateTime From = new(2026, 3, 1);

    [SkippableTheory, MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Numbered_rows_carry_every_count_exactly_including_counts_too_large_to_pack(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        var (a, b) = People(store);
        var rows = new[]
        {
            (a, new ActivityDay { Network = SocialNetworks.VivaEngage, Day = From, Posts = 1, Replies = 2, Reactions = 3, Reads = 4, Shares = 5 }),
            (a, new ActivityDay { Network = SocialNetworks.VivaEngage, Day = From.AddDays(1), Posts = 4095, Replies = 4095, Reactions = 4095, Reads = 4095, Shares = 4095 }),
            (a, new ActivityDay { Network = SocialNetworks.Teams, Day = From.AddDays(2), Posts = 4096, Replies = 0, Reactions = 0, Reads = 70_000, Shares = 1 }),
            (b, new ActivityDay { Network = SocialNetworks.Teams, Day = From.AddDays(9), Posts = 0, Replies = 0, Reactions = 0, Reads = 0, Shares = 2_000_000_000 }),
        };
        store.InTransaction(t => store.UpsertActivity(rows, "File", t));

        var networks = new[] { SocialNetworks.Teams, SocialNetworks.VivaEngage };
        var read = store.ScanActivity(From, From.AddDays(30), networks, long.MinValue, long.MaxValue)
            .Select(r => (r.PersonId, networks[r.Network], From.AddDays(r.Day), r.Posts, r.Replies, r.Reactions, r.Reads, r.Shares))
            .OrderBy(r => r.Item3).ToList();

        Assert.Equal(rows.Select(r => (r.Item1, r.Item2.Network, r.Item2.Day, r.Item2.Posts, r.Item2.Replies, r.Item2.Reactions, r.Item2.Reads, r.Item2.Shares)), read);
    }

    [SkippableTheory, MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Rows_are_limited_to_the_period_the_people_and_the_networks_asked_and_networks_match_without_case(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        var (a, b) = People(store);
        store.InTransaction(t => store.UpsertActivity(new[]
        {
            (a, new ActivityDay { Network = "vivaengage", Day = From, Posts = 1 }),
            (a, new ActivityDay { Network = SocialNetworks.VivaEngage, Day = From.AddDays(-1), Posts = 1 }),
            (a, new ActivityDay { Network = SocialNetworks.VivaEngage, Day = From.AddDays(8), Posts = 1 }),
            (a, new ActivityDay { Network = SocialNetworks.LinkedIn, Day = From.AddDays(2), Posts = 1 }),
            (b, new ActivityDay { Network = SocialNetworks.VivaEngage, Day = From.AddDays(7), Reads = 3 }),
        }, "File", t));

        var networks = new[] { SocialNetworks.Teams, SocialNetworks.VivaEngage };
        var all = store.ScanActivity(From, From.AddDays(7), networks, long.MinValue, long.MaxValue).OrderBy(r => r.Day).ToList();
        Assert.Equal(new[] { (a, 1, 0), (b, 1, 7) }, all.Select(r => (r.PersonId, r.Network, r.Day)));
        Assert.Equal(a, Assert.Single(store.ScanActivity(From, From.AddDays(7), networks, a, a)).PersonId);
        Assert.Empty(store.ScanActivity(From, From.AddDays(7), Array.Empty<string>(), long.MinValue, long.MaxValue));
    }

    [SkippableTheory, MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void People_whose_id_is_too_large_for_the_key_are_read_all_the_same(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        var (a, _) = People(store);
        const long huge = 1L << 40;
        using (var insert = store.Command("INSERT INTO person (id, upn, display_name, enabled, source, updated_at) VALUES (@id, 'huge@x.test', 'Huge', 1, 'Test', '2026-01-01')"))
        {
            insert.Parameters.AddWithValue("@id", huge);
            insert.ExecuteNonQuery();
        }

        store.InTransaction(t => store.UpsertActivity(new[]
        {
            (huge, new ActivityDay { Network = SocialNetworks.Teams, Day = From.AddDays(3), Posts = 2, Reads = 5000 }),
            (huge, new ActivityDay { Network = SocialNetworks.VivaEngage, Day = From.AddDays(4), Replies = 1 }),
            (a, new ActivityDay { Network = SocialNetworks.Teams, Day = From.AddDays(5), Posts = 1 }),
        }, "File", t));

        var networks = new[] { SocialNetworks.Teams, SocialNetworks.VivaEngage };
        var read = store.ScanActivity(From, From.AddDays(9), networks, long.MinValue, long.MaxValue)
            .Select(r => (r.PersonId, r.Network, r.Day, r.Posts, r.Replies, r.Reads)).OrderBy(r => r.Day).ToList();
        Assert.Equal(new[] { (huge, 0, 3, 2, 0, 5000), (huge, 1, 4, 0, 1, 0), (a, 0, 5, 1, 0, 0) }, read);
    }

    private static (long A, long B) People(SocialStore store)
    {
        store.InTransaction(t => store.UpsertPeople(new[] { "a@x.test", "b@x.test" }.Select(upn => new Person { Id = upn, UserPrincipalName = upn, DisplayName = upn }), "Test", t));
        var directory = store.LoadPersonDirectory();
        return (directory.Find("a@x.test")!.Value, directory.Find("b@x.test")!.Value);
    }
}

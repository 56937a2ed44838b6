using SocialToolkit.Core.Analytics;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

public sealed class SmallGroupsTests
{
    private const SuppressionReason None = SuppressionReason.None;
    private const SuppressionReason Small = SuppressionReason.SmallGroup;
    private const SuppressionReason Second = SuppressionReason.Complementary;

    [Fact]
    public void A_group_of_four_is_hidden_and_the_next_smallest_too_so_the_total_does_not_give_it_away()
    {
        Assert.Equal(new[] { None, Small, Second }, SmallGroups.Suppress(new[] { 10, 4, 8 }, 5));
    }

    [Fact]
    public void Two_small_groups_that_together_reach_the_minimum_need_no_complementary_suppression()
    {
        Assert.Equal(new[] { None, Small, Small, None }, SmallGroups.Suppress(new[] { 10, 4, 3, 20 }, 5));
    }

    [Fact]
    public void Small_groups_that_together_stay_below_the_minimum_take_another_group_with_them()
    {
        // 1 + 2 = 3 people could be worked out as total minus the shown groups: hide the 10 as well.
        Assert.Equal(new[] { Second, Small, Small, None }, SmallGroups.Suppress(new[] { 10, 1, 2, 20 }, 5));
    }

    [Fact]
    public void Minimum_of_one_hides_nothing_and_all_small_groups_are_all_hidden()
    {
        Assert.Equal(new[] { None, None }, SmallGroups.Suppress(new[] { 1, 2 }, 1));
        Assert.Equal(new[] { Small, Small }, SmallGroups.Suppress(new[] { 3, 3 }, 5));
        Assert.Equal(new[] { None }, SmallGroups.Suppress(new[] { 7 }, 5));
    }

    [Fact]
    public void No_shown_figure_set_lets_a_reader_recover_a_hidden_group_from_the_total()
    {
        var sizes = new[] { 40, 12, 9, 6, 4, 1 };
        var reasons = SmallGroups.Suppress(sizes, 5);
        var hidden = sizes.Where((_, i) => reasons[i] != None).ToList();
        Assert.True(hidden.Count != 1, "a single hidden group equals total minus the shown ones");
        Assert.True(hidden.Sum() >= 5, "the hidden groups together must not be a small group");
        Assert.Equal(new[] { None, None, None, None, Small, Small }, reasons);
        Assert.Equal(new[] { None, Second, Small, Small }, SmallGroups.Suppress(new[] { 40, 6, 3, 1 }, 5));
    }

    [Fact]
    public void Pseudonyms_are_stable_per_key_case_insensitive_and_differ_between_keys()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using var first = new Pseudonymiser(key);
        using var again = new Pseudonymiser(key);
        using var other = new Pseudonymiser(Pseudonymiser.NewKey());
        var pseudonym = first.For("Ada.Lovelace@contoso.example");
        Assert.Matches("^P-[0-9A-F]{12}$", pseudonym);
        Assert.Equal(pseudonym, again.For("ada.lovelace@CONTOSO.example"));
        Assert.NotEqual(pseudonym, other.For("ada.lovelace@contoso.example"));
        Assert.NotEqual(pseudonym, first.For("alan.turing@contoso.example"));

        // The first 48 bits of HMAC-SHA256 over the lower-case name, whichever thread asks.
        using var reference = new System.Security.Cryptography.HMACSHA256(key);
        var expected = "P-" + Convert.ToHexString(reference.ComputeHash(System.Text.Encoding.UTF8.GetBytes("ada.lovelace@contoso.example")), 0, 6);
        Assert.Equal(expected, pseudonym);
        var fromThreads = new string[64];
        Parallel.For(0, fromThreads.Length, i => fromThreads[i] = first.For(i % 2 == 0 ? "Ada.Lovelace@contoso.example" : "alan.turing@contoso.example"));
        Assert.All(fromThreads.Where((_, i) => i % 2 == 0), p => Assert.Equal(expected, p));
        Assert.All(fromThreads.Where((_, i) => i % 2 == 1), p => Assert.Equal(first.For("alan.turing@contoso.example"), p));
    }

    [Fact]
    public void Iso_weeks_start_on_monday_and_follow_the_thursday_rule()
    {
        Assert.Equal("2026-W47", IsoWeek.Label(new DateTime(2026, 11, 19)));
        Assert.Equal(new DateTime(2026, 11, 16), IsoWeek.StartOf(new DateTime(2026, 11, 22)));
        Assert.Equal("2026-W53", IsoWeek.Label(new DateTime(2027, 1, 1)));
        Assert.Equal("2025-W01", IsoWeek.Label(new DateTime(2024, 12, 30)));
    }
}

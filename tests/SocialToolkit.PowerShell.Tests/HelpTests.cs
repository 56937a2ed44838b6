using System.Management.Automation;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests;

/// <summary>Every exported cmdlet documents itself: synopsis, description, every parameter, an example.</summary>
public sealed class HelpTests
{
    private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    public static IEnumerable<object[]> Cmdlets() => ModuleTests.ImplementedCmdlets().Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Cmdlet_has_complete_help(string cmdlet)
    {
        using var session = new ModuleSession();
        var help = session.Run($"Get-Help {cmdlet} -Full").AssertNoErrors().Output.Single();
        var synopsis = help.Properties["Synopsis"]?.Value?.ToString()?.Trim() ?? string.Empty;
        Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{cmdlet}: no synopsis");
        Assert.False(synopsis.StartsWith(cmdlet, StringComparison.OrdinalIgnoreCase), $"{cmdlet}: the synopsis is the generated syntax, so the help file was not found");

        var description = session.Run($"(Get-Help {cmdlet} -Full).Description | ForEach-Object {{ $_.Text }}").AssertNoErrors().Output;
        Assert.True(description.Any(d => !string.IsNullOrWhiteSpace(d?.ToString())), $"{cmdlet}: no description");

        var examples = session.Run($"(Get-Help {cmdlet} -Examples).Examples.Example | ForEach-Object {{ $_.Code }}").AssertNoErrors().Output;
        Assert.True(examples.Any(e => !string.IsNullOrWhiteSpace(e?.ToString())), $"{cmdlet}: no example");

        var parameters = session.Run($"(Get-Command {cmdlet}).Parameters.Keys").AssertNoErrors().Output.Select(p => p.ToString()).Where(p => !CommonParameters.Contains(p)).ToList();
        foreach (var parameter in parameters)
        {
            var text = session.Run($"(Get-Help {cmdlet} -Parameter {parameter}).Description | ForEach-Object {{ $_.Text }}").Output;
            Assert.True(text.Any(t => !string.IsNullOrWhiteSpace(t?.ToString())), $"{cmdlet}: parameter -{parameter} has no description");
        }
    }

    [Fact]
    public void Get_Help_Examples_prints_an_example_for_Connect_SocialToolkit()
    {
        using var session = new ModuleSession();
        session.Run("Get-Help Connect-SocialToolkit -Examples | Out-Host").AssertNoErrors();
        var text = string.Join("\n", session.Host.UI.Lines);
        Assert.Contains("Connect-SocialToolkit -TenantId", text);
        Assert.Contains("Example 1", text);
    }
}

using System.Management.Automation;
using System.Reflection;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void Import_exports_exactly_the_cmdlets_the_assembly_implements_and_the_manifest_lists()
    {
        using var session = new ModuleSession();
        var exported = session.Run("(Get-Command -Module SocialToolkit).Name").AssertNoErrors()
            .Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var listed = session.Run($"(Import-PowerShellDataFile -Path '{ModulePaths.Manifest}').CmdletsToExport").Output.Select(o => o.ToString()).ToList();
        if (listed.Count == 0)
        {
            // Import-PowerShellDataFile lives in the Utility module, absent from this host: read the manifest another way.
            listed = session.Run($"(Test-ModuleManifest -Path '{ModulePaths.Manifest}').ExportedCmdlets.Keys").AssertNoErrors().Output.Select(o => o.ToString()).ToList();
        }

        var implemented = ImplementedCmdlets();
        Assert.NotEmpty(exported);
        Assert.Equal(implemented, exported);
        Assert.Equal(implemented, listed.OrderBy(n => n, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Manifest_passes_Test_ModuleManifest_and_declares_both_editions()
    {
        using var session = new ModuleSession(importModule: false);
        var manifest = session.Run($"Test-ModuleManifest -Path '{ModulePaths.Manifest}'").AssertNoErrors().Output.Single();
        Assert.Equal("SocialToolkit", manifest.Properties["Name"].Value);
        Assert.Equal(ModulePaths.ModuleVersion, manifest.Properties["Version"].Value.ToString());
        var editions = ((IEnumerable<string>)manifest.Properties["CompatiblePSEditions"].Value).ToList();
        Assert.Contains("Desktop", editions);
        Assert.Contains("Core", editions);
        Assert.Equal("5.1", manifest.Properties["PowerShellVersion"].Value.ToString());
    }

    [Fact]
    public void Module_folder_keeps_dependencies_out_of_the_root()
    {
        var rootAssemblies = Directory.GetFiles(ModulePaths.ModuleFolder, "*.dll").Select(Path.GetFileName).OrderBy(n => n).ToList();
        Assert.Equal(new[] { "SocialToolkit.Core.dll", "SocialToolkit.PowerShell.dll" }, rootAssemblies);
        var dependencies = Path.Combine(ModulePaths.ModuleFolder, "Dependencies");
        Assert.True(File.Exists(Path.Combine(dependencies, "Microsoft.Graph.dll")));
        Assert.True(File.Exists(Path.Combine(dependencies, "runtimes", "linux-x64", "native", "libe_sqlite3.so")));
        Assert.True(File.Exists(Path.Combine(dependencies, "runtimes", "win-x64", "native", "e_sqlite3.dll")));
        Assert.False(File.Exists(Path.Combine(dependencies, "System.Management.Automation.dll")));
    }

    internal static List<string> ImplementedCmdlets()
    {
        // Read the attributes without loading the module into this context: metadata only.
        var assemblyPath = Path.Combine(ModulePaths.ModuleFolder, "SocialToolkit.PowerShell.dll");
        var resolver = new PathAssemblyResolver(
            Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
                .Append(typeof(PSCmdlet).Assembly.Location)
                .Concat(Directory.GetFiles(ModulePaths.ModuleFolder, "*.dll"))
                .Concat(Directory.GetFiles(Path.Combine(ModulePaths.ModuleFolder, "Dependencies"), "*.dll")));
        using var context = new MetadataLoadContext(resolver);
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract)
            .Select(t => t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == typeof(CmdletAttribute).FullName))
            .Where(a => a != null)
            .Select(a => a!.ConstructorArguments[0].Value + "-" + a.ConstructorArguments[1].Value)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }
}

using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using SocialToolkit.HelpCompiler;

// Usage: SocialToolkit.HelpCompiler <docs/cmdlets folder> <module assembly>
// Writes <module assembly>-Help.xml next to the assembly. A cmdlet without a page still gets an entry, with
// empty text, so the module's help test can name what is missing instead of the build failing here.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SocialToolkit.HelpCompiler <markdown folder> <module assembly path>");
    return 2;
}

var markdownFolder = Path.GetFullPath(args[0]);
var assemblyPath = Path.GetFullPath(args[1]);
var moduleFolder = Path.GetDirectoryName(assemblyPath)!;
AssemblyLoadContext.Default.Resolving += (context, name) =>
{
    foreach (var folder in new[] { moduleFolder, Path.Combine(moduleFolder, "Dependencies") })
    {
        var candidate = Path.Combine(folder, name.Name + ".dll");
        if (File.Exists(candidate))
        {
            return context.LoadFromAssemblyPath(candidate);
        }
    }

    return null;
};

var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
var cmdlets = assembly.GetTypes()
    .Where(t => !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null)
    .OrderBy(MamlWriter.CmdletName, StringComparer.Ordinal)
    .Select(t =>
    {
        var page = Path.Combine(markdownFolder, MamlWriter.CmdletName(t) + ".md");
        return (t, File.Exists(page) ? CmdletMarkdown.Parse(File.ReadAllText(page)) : new CmdletMarkdown());
    })
    .ToList();

// Get-Help -Online opens the first related link: the cmdlet's page in the project's repository, whose address comes
// from the manifest next to the assembly (PrivateData.PSData.ProjectUri).
var manifest = Path.Combine(moduleFolder, "SocialToolkit.psd1");
var projectUri = File.Exists(manifest) ? ManifestText.ProjectUri(File.ReadAllText(manifest)) : null;
var output = assemblyPath + "-Help.xml";
MamlWriter.Write(cmdlets, projectUri).Save(output);
Console.WriteLine($"Help for {cmdlets.Count} cmdlets written to {Path.GetFileName(output)}");
return 0;

using System.IO;
using System.Management.Automation;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>Where the module keeps the Outlook add-in and its default catalog.</summary>
    internal static class GuidelineLocations
    {
        /// <summary>The folder the module was imported from (the one holding SocialToolkit.PowerShell.dll).</summary>
        public static string ModuleFolder { get; } = Path.GetDirectoryName(typeof(GuidelineLocations).Assembly.Location) ?? ".";

        /// <summary>The add-in source shipped with the module: src/, manifest/ and catalog/.</summary>
        public static string AddinFolder => Path.Combine(ModuleFolder, "addin");

        /// <summary>The default catalog, shared with the add-in.</summary>
        public static string DefaultCatalogPath => Path.Combine(AddinFolder, "catalog", "guidelines.json");

    }
}

using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace SocialToolkit.PowerShell.Loading
{
    /// <summary>
    /// Runs when PowerShell imports the module, before any cmdlet runs: installs the resolver that
    /// serves the engine and its dependencies from the module's own Dependencies folder.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly object Gate = new object();
        private static bool installed;

        /// <summary>The folder that holds the engine and every third-party assembly the module ships.</summary>
        internal static string DependencyDirectory { get; } = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
            lock (Gate)
            {
                if (installed)
                {
                    return;
                }

                // The two loaders live in separate classes so that Windows PowerShell never JIT-compiles
                // code that mentions AssemblyLoadContext, which .NET Framework lacks.
                if (IsNetFramework())
                {
                    NetFrameworkDependencyResolver.Install(DependencyDirectory);
                }
                else
                {
                    IsolatedDependencyLoader.Install(DependencyDirectory);
                }

                installed = true;
            }
        }

        private static bool IsNetFramework() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
    }
}

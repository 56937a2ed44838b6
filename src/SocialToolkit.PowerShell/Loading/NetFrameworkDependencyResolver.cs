using System;
using System.IO;
using System.Reflection;

namespace SocialToolkit.PowerShell.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 has no load contexts: the best available is to answer binding failures,
    /// and only with files from the module's own Dependencies folder.
    /// </summary>
    internal static class NetFrameworkDependencyResolver
    {
        private static string dependencyDirectory = string.Empty;

        public static void Install(string directory)
        {
            dependencyDirectory = directory;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var path = Path.Combine(dependencyDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SocialToolkit.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7: the engine assemblies (SocialToolkit.Data, .Graph, .Reports, .Guidelines) are handed to
    /// the default context on request, but loaded inside a private context whose own dependencies
    /// (Graph, Kiota, Azure, ClosedXML, OpenXml, SQLite) never mix with whatever other modules loaded.
    /// </summary>
    internal static class IsolatedDependencyLoader
    {
        private static DependencyLoadContext? context;

        public static void Install(string dependencyDirectory)
        {
            context = new DependencyLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngineAssembly;
        }

        private static Assembly? ResolveEngineAssembly(AssemblyLoadContext requestingContext, AssemblyName name)
        {
            // Only our own engine crosses into the default context; anything else is somebody else's business.
            if (context == null || name.Name == null || !name.Name.StartsWith("SocialToolkit.", StringComparison.Ordinal))
            {
                return null;
            }

            if (name.Name == SharedAssembly.Name)
            {
                return AssemblyLoadContext.Default.LoadFromAssemblyPath(SharedAssembly.Path);
            }

            return File.Exists(Path.Combine(context.DependencyDirectory, name.Name + ".dll"))
                ? context.LoadFromAssemblyName(name)
                : null;
        }
    }

    /// <summary>The assembly whose types cross the boundary, so it must exist once, in the default context.</summary>
    internal static class SharedAssembly
    {
        public const string Name = "SocialToolkit.Core";

        public static string Path { get; } = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(typeof(SharedAssembly).Assembly.Location) ?? ".", Name + ".dll");
    }

    /// <summary>The private context: resolves from Dependencies/, defers to the runtime for framework assemblies.</summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly HashSet<string> frameworkAssemblyNames;
        private readonly Dictionary<string, IntPtr> nativeHandles = new Dictionary<string, IntPtr>(StringComparer.Ordinal);
        private readonly object nativeGate = new object();

        public DependencyLoadContext(string dependencyDirectory)
        {
            DependencyDirectory = dependencyDirectory;

            // Only names the runtime itself ships are deferred: a host application may carry older copies of
            // our dependencies in its own folder, and those must not win (see FACTS: TRUSTED_PLATFORM_ASSEMBLIES).
            var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
            frameworkAssemblyNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in Directory.EnumerateFiles(frameworkDirectory, "*.dll"))
            {
                frameworkAssemblyNames.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        public string DependencyDirectory { get; }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (name == null || name == SharedAssembly.Name || frameworkAssemblyNames.Contains(name))
            {
                return null;
            }

            var path = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            // SQLite's native library ships per platform under Dependencies/runtimes/<rid>/native/.
            // The runtime asks many times for the same name, so the handle is cached.
            lock (nativeGate)
            {
                if (nativeHandles.TryGetValue(unmanagedDllName, out var cached))
                {
                    return cached;
                }

                var handle = IntPtr.Zero;
                foreach (var candidate in NativeCandidates(unmanagedDllName))
                {
                    if (File.Exists(candidate))
                    {
                        handle = LoadUnmanagedDllFromPath(candidate);
                        break;
                    }
                }

                if (handle != IntPtr.Zero)
                {
                    nativeHandles[unmanagedDllName] = handle;
                }

                return handle;
            }
        }

        private IEnumerable<string> NativeCandidates(string name)
        {
            var directory = Path.Combine(DependencyDirectory, "runtimes", RuntimeIdentifier(), "native");
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                yield return Path.Combine(directory, name + ".dll");
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                yield return Path.Combine(directory, "lib" + name + ".dylib");
            }
            else
            {
                yield return Path.Combine(directory, "lib" + name + ".so");
            }

            yield return Path.Combine(directory, name);
        }

        private static string RuntimeIdentifier()
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
                : "linux";
            var architecture = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                _ => "x64",
            };
            return os + "-" + architecture;
        }
    }
}

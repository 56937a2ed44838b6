using System;
using System.IO;
using System.Runtime.InteropServices;

namespace SocialToolkit.Core.Model
{
    /// <summary>Where the store lives when -StorePath is not given.</summary>
    public static class StorePaths
    {
        public const string EnvironmentVariable = "SOCIALTOOLKIT_STORE";

        /// <summary>
        /// $env:SOCIALTOOLKIT_STORE, else the per-user data folder: %LOCALAPPDATA%\SocialToolkit\store.db on Windows,
        /// $XDG_DATA_HOME/SocialToolkit/store.db or ~/.local/share/SocialToolkit/store.db elsewhere.
        /// </summary>
        public static string Default()
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured!;
            }

            string dataRoot;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                dataRoot = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            }
            else
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
                dataRoot = !string.IsNullOrWhiteSpace(xdg)
                    ? xdg!
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            return Path.Combine(dataRoot, "SocialToolkit", "store.db");
        }
    }
}

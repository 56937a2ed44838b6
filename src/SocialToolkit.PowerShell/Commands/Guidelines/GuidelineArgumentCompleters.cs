using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using SocialToolkit.Guidelines.Catalog;

namespace SocialToolkit.PowerShell.Commands.Guidelines
{
    /// <summary>Completes -Language from the catalog the command line names (or the default one).</summary>
    public sealed class GuidelineLanguageCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            GuidelineCompletion.Complete(wordToComplete, GuidelineCompletion.Languages(fakeBoundParameters), "Language");
    }

    /// <summary>Completes -Category with the catalog's category ids, showing their titles.</summary>
    public sealed class GuidelineCategoryCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            GuidelineCompletion.Complete(wordToComplete, GuidelineCompletion.Categories(fakeBoundParameters), "Category");
    }

    /// <summary>Completes -Id with the catalog's snippet ids, showing their titles.</summary>
    public sealed class GuidelineIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            GuidelineCompletion.Complete(wordToComplete, GuidelineCompletion.Snippets(fakeBoundParameters), "Snippet");
    }

    internal static class GuidelineCompletion
    {
        private static readonly string[] FallbackLanguages = { "fr", "en" };

        public static IEnumerable<CompletionResult> Complete(string wordToComplete, IEnumerable<KeyValuePair<string, string>> candidates, string what)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return candidates
                .Where(c => c.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(c.Key, c.Key, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.Value) ? what + " " + c.Key : c.Value))
                .ToList();
        }

        public static IEnumerable<KeyValuePair<string, string>> Languages(IDictionary bound)
        {
            var catalog = Load(bound);
            var languages = catalog == null || catalog.Languages.Count == 0 ? FallbackLanguages.ToList() : catalog.Languages;
            return languages.Select(l => new KeyValuePair<string, string>(l, l));
        }

        public static IEnumerable<KeyValuePair<string, string>> Categories(IDictionary bound)
        {
            var catalog = Load(bound);
            return catalog == null
                ? Enumerable.Empty<KeyValuePair<string, string>>()
                : catalog.Categories.Where(c => c != null).Select(c => new KeyValuePair<string, string>(c.Id, Title(c.Title, catalog.DefaultLanguage)));
        }

        public static IEnumerable<KeyValuePair<string, string>> Snippets(IDictionary bound)
        {
            var catalog = Load(bound);
            return catalog == null
                ? Enumerable.Empty<KeyValuePair<string, string>>()
                : catalog.Snippets.Where(s => s != null).Select(s => new KeyValuePair<string, string>(s.Id, Title(s.Title, catalog.DefaultLanguage)));
        }

        private static string Title(Dictionary<string, string>? texts, string language) =>
            texts != null && texts.TryGetValue(language, out var title) ? title : string.Empty;

        private static GuidelineCatalog? Load(IDictionary bound)
        {
            try
            {
                var path = bound?["Path"] as string ?? bound?["CatalogPath"] as string;
                if (string.IsNullOrEmpty(path))
                {
                    path = GuidelineLocations.DefaultCatalogPath;
                }
                else if (!Path.IsPathRooted(path))
                {
                    // Completion runs inside the pipeline that asked for it, where the runspace's SessionStateProxy
                    // refuses calls; a nested command on the current runspace resolves ~, PSDrives and the location.
                    using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                    shell.AddScript("param($p) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)").AddArgument(path);
                    path = shell.Invoke().FirstOrDefault()?.BaseObject as string;
                }

                return path != null && File.Exists(path) ? GuidelineCatalogFile.Load(path) : null;
            }
            catch (Exception)
            {
                // Completion must never fail the command line being typed: an unreadable catalog completes nothing.
                return null;
            }
        }
    }
}

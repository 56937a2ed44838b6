using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;

namespace SocialToolkit.PowerShell.Commands.Reports
{
    /// <summary>Completes -Course with the course ids of the store named by -StoreConnection or -StorePath (or the default store).</summary>
    public sealed class CourseCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = fakeBoundParameters["StoreConnection"] as string;
                var store = StoreLocation.Parse(connection ?? fakeBoundParameters["StorePath"] as string ?? StorePaths.Default());
                if (store.IsServer && fakeBoundParameters["Credential"] is PSCredential credential)
                {
                    store = store.WithCredential(credential.UserName, credential.GetNetworkCredential().Password);
                }

                if (store.IsMissingFile)
                {
                    return Enumerable.Empty<CompletionResult>();
                }

                return CourseIds(store)
                    .Where(c => c.Id.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
                    .Select(c => new CompletionResult(c.Id.IndexOf(' ') >= 0 ? "'" + c.Id.Replace("'", "''") + "'" : c.Id, c.Id, CompletionResultType.ParameterValue, c.Title))
                    .ToList();
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // Completion must never throw at the user; a store that cannot be read simply completes nothing.
                return Enumerable.Empty<CompletionResult>();
            }
        }

        private static IReadOnlyList<(string Id, string Title)> CourseIds(StoreLocation location)
        {
            using var store = SocialToolkit.Data.Store.SocialStore.OpenReadOnly(location);
            return store.ReadCourses();
        }
    }
}

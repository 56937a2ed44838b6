using System.Collections;
using System.Globalization;
using SocialToolkit.Core.Store;

namespace SocialToolkit.Data.Imports
{
    /// <summary>What every file import is asked: which file, which store, and how to read the file.</summary>
    public abstract class ImportFileOptions
    {
        public string Path { get; set; } = string.Empty;

        /// <summary>The store file or server.</summary>
        public StoreLocation StorePath { get; set; } = SocialToolkit.Core.Model.StorePaths.Default();

        /// <summary>Field name → header of the file; fields not given are found by their default names.</summary>
        public IDictionary? ColumnMap { get; set; }

        /// <summary>The culture of the file's dates and numbers; null reads ISO dates only.</summary>
        public CultureInfo? Culture { get; set; }

        /// <summary>The CSV delimiter; null detects it from the header line.</summary>
        public char? Delimiter { get; set; }

        /// <summary>Rows naming people who are not in the store make the import fail instead of being reported.</summary>
        public bool RequireAllMatched { get; set; }
    }
}

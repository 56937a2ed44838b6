using System;
using System.Collections.Generic;
using System.Linq;

namespace SocialToolkit.Core.Store
{
    /// <summary>One table of a store copy: what was copied, what it replaced, and the fingerprint both sides agreed on.</summary>
    public sealed class StoreTableCopy
    {
        public string Table { get; set; } = string.Empty;

        /// <summary>Rows copied; the target holds exactly these.</summary>
        public long Rows { get; set; }

        /// <summary>Rows the target held in this table before the copy, removed by it.</summary>
        public long ReplacedRows { get; set; }

        /// <summary>SHA-256 (hex) of the table's rows in primary-key order, each value as text; equal on both sides.</summary>
        public string Checksum { get; set; } = string.Empty;

        public TimeSpan Duration { get; set; }

        public override string ToString() => $"{Table}: {Rows} row(s)";
    }

    /// <summary>What Copy-SocialStore copied. Both places are shown without any secret.</summary>
    public sealed class StoreCopySummary
    {
        /// <summary>The source: a file's full path, or postgresql://user@host:port/database.</summary>
        public string From { get; set; } = string.Empty;

        /// <summary>The target, shown the same way.</summary>
        public string To { get; set; } = string.Empty;

        /// <summary>SQLite or PostgreSQL.</summary>
        public string FromBackend { get; set; } = string.Empty;

        public string ToBackend { get; set; } = string.Empty;

        /// <summary>Every table of the store, in the order copied.</summary>
        public IReadOnlyList<StoreTableCopy> Tables { get; set; } = Array.Empty<StoreTableCopy>();

        /// <summary>Rows copied, all tables together.</summary>
        public long Rows => Tables.Sum(t => t.Rows);

        /// <summary>True when every table's row count and checksum were the same on both sides.</summary>
        public bool Verified { get; set; }

        /// <summary>True when the copy created the target (a new file, or a database with no store yet).</summary>
        public bool CreatedTarget { get; set; }

        /// <summary>What the target held before and the copy replaced: table and row count, only tables that held rows.</summary>
        public IReadOnlyDictionary<string, long> Replaced { get; set; } = new Dictionary<string, long>();

        /// <summary>What else was done to the target, and why (a pseudonym key created for its readers...).</summary>
        public IReadOnlyList<string> Notes { get; set; } = Array.Empty<string>();

        public TimeSpan Duration { get; set; }

        public override string ToString() => $"{From} -> {To}";
    }
}

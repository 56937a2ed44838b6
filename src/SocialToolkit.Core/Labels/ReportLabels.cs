using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Core.Labels
{
    /// <summary>
    /// Every label a report shows, in English and French, read from one data file (labels.tsv: key, English, French).
    /// The English labels are the workbook contract; table names never depend on the language.
    /// </summary>
    public sealed class ReportLabels
    {
        private static readonly Lazy<Dictionary<string, string[]>> Table = new Lazy<Dictionary<string, string[]>>(Load);
        private readonly int column;

        private ReportLabels(ReportLanguage language)
        {
            Language = language;
            column = language == ReportLanguage.Fr ? 1 : 0;
            Culture = CultureInfo.GetCultureInfo(language == ReportLanguage.Fr ? "fr-FR" : "en-GB");
        }

        public static ReportLabels English { get; } = new ReportLabels(ReportLanguage.En);

        public static ReportLabels French { get; } = new ReportLabels(ReportLanguage.Fr);

        public ReportLanguage Language { get; }

        /// <summary>The culture numbers in sentences are written in (cells keep their own formats).</summary>
        public CultureInfo Culture { get; }

        public static ReportLabels For(ReportLanguage language) => language == ReportLanguage.Fr ? French : English;

        /// <summary>The label <paramref name="key"/>, with its placeholders filled.</summary>
        public string this[string key, params object[] args]
        {
            get
            {
                if (!Table.Value.TryGetValue(key, out var texts))
                {
                    throw new KeyNotFoundException("No report label " + key);
                }

                return args.Length == 0 ? texts[column] : string.Format(Culture, texts[column], args);
            }
        }

        public bool Has(string key) => Table.Value.ContainsKey(key);

        /// <summary>A network as people write it ("Viva Engage", not the store's "VivaEngage"); an unknown name as it is.</summary>
        public string Network(string network) => Has("net." + network) ? this["net." + network] : network;

        /// <summary>A whole number as this language writes it (12,345 / 12 345).</summary>
        public string Count(long value) => value.ToString("#,##0", Culture);

        /// <summary>A share as this language writes it (45.3% / 45,3 %).</summary>
        public string Percent(double? value) => value.HasValue ? value.Value.ToString("0.0%", Culture) : this["v.na"];

        /// <summary>A signed figure to two decimals, with a true minus sign (+0.25 / −0,25).</summary>
        public string Signed(double value) => (value >= 0 ? "+" : "\u2212") + Math.Abs(value).ToString("0.00", Culture);

        /// <summary>A figure as this language writes it (0.25 / 0,25).</summary>
        public string Number(double value, string format = "0.00") => value.ToString(format, Culture);

        public static IReadOnlyCollection<string> Keys => Table.Value.Keys;

        private static Dictionary<string, string[]> Load()
        {
            var labels = new Dictionary<string, string[]>(StringComparer.Ordinal);
            using var stream = typeof(ReportLabels).Assembly.GetManifestResourceStream("SocialToolkit.Core.Labels.labels.tsv")
                ?? throw new InvalidOperationException("The report labels are missing from the assembly.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var parts = line.Split('\t');
                if (parts.Length != 3)
                {
                    throw new InvalidOperationException("Malformed report label line: " + line);
                }

                labels[parts[0]] = new[] { parts[1], parts[2] };
            }

            return labels;
        }
    }
}

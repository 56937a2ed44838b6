using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Imports;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Imports;

/// <summary>
/// Training imports. Storing a file and importing it again, matching people by address and mail, and a re-import with
/// fewer columns run on both backends. The rest (unmatched rows, columns, maps, dates, cultures, encodings, xlsx cells, a
/// missing file) is decided from the file and the people read from the store, by the same code whatever the store, before
/// anything is written: it runs on the file only.
/// </summary>
public sealed class TrainingImporterTests
{
    private const string Header = "UserPrincipalName,CourseId,CourseTitle,Provider,Status,AssignedDate,CompletedDate,CompletionPercentage";

    private static TrainingImportOptions Options(ImportFixture fixture, string path, CultureInfo? culture = null, char? delimiter = null, bool requireAll = false, System.Collections.IDictionary? map = null) => new()
    {
        Path = path,
        StorePath = fixture.StorePath,
        Culture = culture,
        Delimiter = delimiter,
        RequireAllMatched = requireAll,
        ColumnMap = map,
    };

    private static Core.Store.TrainingImportSummary Import(TrainingImportOptions options, RecordingReporter? reporter = null)
    {
        var plan = TrainingImporter.Prepare(options, reporter ?? new RecordingReporter(), CancellationToken.None);
        return TrainingImporter.Apply(plan, reporter ?? new RecordingReporter(), CancellationToken.None);
    }

    /// <summary>Runs an import that must fail; asserts the store did not change and returns the failure.</summary>
    private static SocialToolkitException Fails(ImportFixture fixture, TrainingImportOptions options) =>
        fixture.FailsLeavingStoreUnchanged(() => Import(options));

    private static TrainingRecord Stored(ImportFixture fixture, string upn, string course)
    {
        using var store = SocialStore.Open(fixture.StorePath, createIfMissing: false);
        return store.ReadTraining().Single(r => r.UserPrincipalName == upn && r.CourseId == course);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_valid_file_is_stored_with_a_summary_and_importing_it_again_changes_nothing(string backend)
    {
        using var fixture = new ImportFixture(backend);
        var path = fixture.Write("training.csv", Header + "\n" +
            "alice@contoso.test,C-101,Speaking up,Internal,Completed,2026-01-05,2026-02-10,100\n" +
            "BOB.DURAND@contoso.test,C-101,Speaking up,Internal,InProgress,2026-01-05,,40\n" +
            "helene@contoso.test,C-102,Tone,LinkedIn Learning,,2026-01-06,2026-01-20T09:30:00Z,\n");

        var summary = Import(Options(fixture, path));

        Assert.Equal((3, 3, 3, 2), (summary.RowsRead, summary.RowsStored, summary.PeopleMatched, summary.Courses));
        Assert.Empty(summary.UnmatchedRows);
        Assert.Contains("delimiter ','", summary.FileFormat);
        var bob = Stored(fixture, "bob@contoso.test", "C-101");
        Assert.Equal((TrainingStatus.InProgress, (DateTime?)null, (int?)40, "File"), (bob.Status, bob.CompletedDate, bob.CompletionPercentage, bob.Source));
        var helene = Stored(fixture, "helene@contoso.test", "C-102");
        Assert.Equal((TrainingStatus.Completed, new DateTime(2026, 1, 20)), (helene.Status, helene.CompletedDate!.Value));

        var snapshot = StoreSnapshot.Of(fixture.StorePath);
        Import(Options(fixture, path));
        static string WithoutLog(string s) => string.Join("\n", s.Split('\n').Where(l => !l.Contains("Import-SocialTrainingRecord") && !l.StartsWith("sync_log")));
        Assert.Equal(WithoutLog(snapshot), WithoutLog(fixture.Snapshot()));
    }

    [Fact]
    public void Unmatched_rows_are_listed_with_row_numbers_and_a_warning_and_the_others_are_stored()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", Header + "\n" +
            "alice@contoso.test,C-101,Speaking up,,Completed,,2026-02-10,\n" +
            "nobody@contoso.test,C-101,Speaking up,,Completed,,2026-02-10,\n" +
            "\n" +
            "ghost@contoso.test,C-101,Speaking up,,Completed,,2026-02-10,\n");
        var reporter = new RecordingReporter();

        var summary = Import(Options(fixture, path), reporter);

        Assert.Equal((3, 1, 1), (summary.RowsRead, summary.RowsStored, summary.PeopleMatched));
        Assert.Equal(new[] { (3, "nobody@contoso.test"), (5, "ghost@contoso.test") }, summary.UnmatchedRows.Select(u => (u.Row, u.Value)));
        var warning = Assert.Single(reporter.Warnings);
        Assert.Contains("row 3 (nobody@contoso.test)", warning);
        Assert.Contains("row 5 (ghost@contoso.test)", warning);
    }

    [Fact]
    public void RequireAllMatched_makes_unmatched_rows_an_error_naming_the_row_and_column()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", Header + "\nalice@contoso.test,C-101,T,,Completed,,2026-02-10,\nnobody@contoso.test,C-101,T,,Completed,,2026-02-10,\n");
        var failure = Fails(fixture, Options(fixture, path, requireAll: true));
        Assert.Equal(("ImportUnmatchedPeople", FailureKind.InvalidData), (failure.ErrorId, failure.Kind));
        Assert.Contains(path + ": row 3, column 'UserPrincipalName'", failure.Message);
        Assert.Contains("nobody@contoso.test", failure.Message);
    }

    [Fact]
    public void A_missing_column_names_the_file_the_header_row_and_the_field()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", "Email,Title\nalice@contoso.test,Speaking up\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal("ImportMissingColumn", failure.ErrorId);
        Assert.Contains(path + ": row 1 (header), column no column for CourseId", failure.Message);
        Assert.Contains("Columns found: 'Email', 'Title'", failure.Message);
    }

    [Fact]
    public void A_ColumnMap_header_that_is_not_in_the_file_is_named()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", "Courriel,Module\nalice@contoso.test,C-1\n");
        var failure = Fails(fixture, Options(fixture, path, map: new System.Collections.Hashtable { ["UserPrincipalName"] = "Adresse", ["CourseId"] = "Module" }));
        Assert.Contains("no column 'Adresse' for UserPrincipalName (from -ColumnMap)", failure.Message);

        var badKey = Fails(fixture, Options(fixture, path, map: new System.Collections.Hashtable { ["Learner"] = "Courriel" }));
        Assert.Equal(("InvalidColumnMap", FailureKind.InvalidArgument), (badKey.ErrorId, badKey.Kind));
    }

    [Fact]
    public void A_ColumnMap_reads_a_file_with_its_own_headers()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("formations.csv", "Courriel;Module;Intitulé;Date de fin\nalice@contoso.test;C-1;Prise de parole;10/02/2026\n");
        var summary = Import(Options(fixture, path, CultureInfo.GetCultureInfo("fr-FR"), map: new System.Collections.Hashtable
        {
            ["UserPrincipalName"] = "courriel", ["CourseId"] = "Module", ["CourseTitle"] = "Intitulé", ["CompletedDate"] = "Date de fin",
        }));
        Assert.Equal(1, summary.RowsStored);
        var record = Stored(fixture, "alice@contoso.test", "C-1");
        Assert.Equal(("Prise de parole", new DateTime(2026, 2, 10), TrainingStatus.Completed), (record.CourseTitle, record.CompletedDate!.Value, record.Status));
    }

    [Fact]
    public void A_bad_date_without_a_culture_names_file_row_and_column_and_suggests_Culture()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", Header + "\nalice@contoso.test,C-101,T,,Completed,,2026-02-10,\nbob@contoso.test,C-101,T,,Completed,,31/12/2026,\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal(("ImportInvalidValue", FailureKind.InvalidData), (failure.ErrorId, failure.Kind));
        Assert.StartsWith(path + ": row 3, column 'CompletedDate': '31/12/2026' is not a date in the expected format (yyyy-MM-dd).", failure.Message);
        Assert.Contains("-Culture", failure.Message);
    }

    [Fact]
    public void A_bad_date_under_a_culture_names_the_culture_format()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", "UserPrincipalName;CourseId;Date de fin\nalice@contoso.test;C-101;10/02/2026\nbob@contoso.test;C-101;12/31/2026\n");
        var failure = Fails(fixture, Options(fixture, path, CultureInfo.GetCultureInfo("fr-FR"), map: new System.Collections.Hashtable { ["CompletedDate"] = "Date de fin" }));
        Assert.StartsWith(path + ": row 3, column 'Date de fin' (CompletedDate): '12/31/2026' is not a date in the expected format (dd/MM/yyyy or yyyy-MM-dd).", failure.Message);
    }

    [Fact]
    public void A_semicolon_file_with_french_dates_imports_under_fr_FR()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", Header.Replace(',', ';') + "\nalice@contoso.test;C-101;Prise de parole;Interne;Terminé?;05/01/2026;10/02/2026 14:30;100\n".Replace("Terminé?", "Completed") +
            "bob@contoso.test;C-101;Prise de parole;Interne;;5/1/2026;;\"37,5\"\n");
        var summary = Import(Options(fixture, path, CultureInfo.GetCultureInfo("fr-FR")));
        Assert.Equal(2, summary.RowsStored);
        Assert.Contains("delimiter ';'", summary.FileFormat);
        var alice = Stored(fixture, "alice@contoso.test", "C-101");
        Assert.Equal((new DateTime(2026, 1, 5), new DateTime(2026, 2, 10)), (alice.AssignedDate!.Value, alice.CompletedDate!.Value));
        var bob = Stored(fixture, "bob@contoso.test", "C-101");
        Assert.Equal((new DateTime(2026, 1, 5), (int?)38, TrainingStatus.InProgress), (bob.AssignedDate!.Value, bob.CompletionPercentage, bob.Status));
    }

    [Fact]
    public void A_wrong_delimiter_is_explained()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", Header.Replace(',', ';') + "\nalice@contoso.test;C-101;T;;Completed;;2026-02-10;\n");
        var failure = Fails(fixture, Options(fixture, path, delimiter: ','));
        Assert.Equal("ImportMissingColumn", failure.ErrorId);
        Assert.Contains(path + ": row 1 (header)", failure.Message);
        Assert.Contains("separated by ';', not ','", failure.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n  \r\n")]
    public void An_empty_file_is_an_error(string content)
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("empty.csv", content);
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal("ImportEmptyFile", failure.ErrorId);
        Assert.Contains(path + ": row 1: the file is empty", failure.Message);
    }

    [Fact]
    public void A_header_without_rows_is_an_error()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("header.csv", Header + "\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal("ImportNoRows", failure.ErrorId);
        Assert.Contains(path + ": row 2: the file has a header but no data rows", failure.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void The_same_person_and_course_twice_names_both_rows_even_by_UPN_and_mail(string backend)
    {
        using var fixture = new ImportFixture(backend);
        var path = fixture.Write("training.csv", Header + "\n" +
            "alice@contoso.test,C-101,T,,Completed,,2026-02-10,\n" +
            "bob@contoso.test,C-101,T,,Completed,,2026-02-10,\n" +
            "ALICE.MARTIN@contoso.test,C-101,T,,InProgress,,,50\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal("ImportDuplicateRow", failure.ErrorId);
        Assert.Contains(path + ": row 4, column 'UserPrincipalName' and 'CourseId': rows 2 and 4 are both about ALICE.MARTIN@contoso.test in course 'C-101'", failure.Message);
    }

    [Fact]
    public void Several_problems_are_listed_in_one_message()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("training.csv", Header + "\n" +
            "alice@contoso.test,C-101,T,,Postponed,,2026-02-10,\n" +
            "bob@contoso.test,,T,,Completed,,2026-02-10,140\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Contains("row 2, column 'Status': 'Postponed' is not a training status", failure.Message);
        Assert.Contains("row 3, column 'CourseId': the course id is empty", failure.Message);
        Assert.Contains("row 3, column 'CompletionPercentage': '140' is not a percentage between 0 and 100", failure.Message);
        Assert.Contains("Nothing was imported", failure.Message);
    }

    public static IEnumerable<object[]> Encodings() => new[]
    {
        new object[] { "utf8-bom", new UTF8Encoding(true) },
        new object[] { "utf8", new UTF8Encoding(false) },
        new object[] { "utf16le-bom", new UnicodeEncoding(false, true) },
        new object[] { "utf16be-bom", new UnicodeEncoding(true, true) },
        new object[] { "utf16le", new UnicodeEncoding(false, false) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Accents_survive_every_supported_encoding(string name, Encoding encoding)
    {
        using var fixture = new ImportFixture();
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Header + "\r\nhelene@contoso.test,C-1,Écrire pour Hélène,Équipe RH,Completed,,2026-02-10,\r\n")).ToArray();
        var path = fixture.WriteBytes(name + ".csv", bytes);
        var summary = Import(Options(fixture, path));
        Assert.Equal(1, summary.RowsStored);
        var record = Stored(fixture, "helene@contoso.test", "C-1");
        Assert.Equal(("Écrire pour Hélène", "Équipe RH"), (record.CourseTitle, record.Provider));
    }

    [Fact]
    public void Windows_1252_from_Excel_plain_CSV_keeps_accents_and_the_euro_sign()
    {
        using var fixture = new ImportFixture();
        var text = Header.Replace(',', ';') + "\r\nhelene@contoso.test;C-1;Hélène € coût;;Completed;;2026-02-10;\r\n";
        var bytes = text.Select(c => c == '€' ? (byte)0x80 : (byte)c).ToArray();
        var path = fixture.WriteBytes("ansi.csv", bytes);
        var summary = Import(Options(fixture, path));
        Assert.Contains("Windows-1252", summary.FileFormat);
        Assert.Equal("Hélène € coût", Stored(fixture, "helene@contoso.test", "C-1").CourseTitle);
    }

    [Fact]
    public void An_xlsx_is_read_exactly_with_real_and_text_dates_and_percentages()
    {
        using var fixture = new ImportFixture();
        var path = fixture.File("training.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Formations");
            var headers = Header.Split(',');
            for (var c = 0; c < headers.Length; c++)
            {
                sheet.Cell(1, c + 1).SetValue(headers[c]);
            }

            sheet.Cell(2, 1).SetValue("alice@contoso.test");
            sheet.Cell(2, 2).SetValue<string>("00123");
            sheet.Cell(2, 3).SetValue<string>("Hélène's course");
            sheet.Cell(2, 5).SetValue<string>("Completed");
            sheet.Cell(2, 6).SetValue<string>("2026-01-05");
            sheet.Cell(2, 7).SetValue(new DateTime(2026, 2, 10));
            sheet.Cell(2, 8).SetValue(1.0);
            sheet.Cell(2, 8).Style.NumberFormat.NumberFormatId = 9;
            sheet.Cell(3, 1).SetValue("bob@contoso.test");
            sheet.Cell(3, 2).SetValue<string>("TRUE");
            sheet.Cell(3, 7).SetValue(46063.0);
            sheet.Cell(3, 8).SetValue(0.25);
            sheet.Cell(3, 8).Style.NumberFormat.Format = "0%";
            sheet.Cell(4, 1).SetValue("helene@contoso.test");
            sheet.Cell(4, 2).SetValue(42);
            sheet.Cell(4, 8).SetValue(60);
            workbook.SaveAs(path);
        }

        var summary = Import(Options(fixture, path));

        Assert.Equal(3, summary.RowsStored);
        Assert.Equal("xlsx, sheet 'Formations'", summary.FileFormat);
        var alice = Stored(fixture, "alice@contoso.test", "00123");
        Assert.Equal(("Hélène's course", new DateTime(2026, 1, 5), new DateTime(2026, 2, 10), (int?)100), (alice.CourseTitle, alice.AssignedDate!.Value, alice.CompletedDate!.Value, alice.CompletionPercentage));
        var bob = Stored(fixture, "bob@contoso.test", "TRUE");
        Assert.Equal((DateTime.FromOADate(46063), (int?)25), (bob.CompletedDate!.Value, bob.CompletionPercentage));
        Assert.Equal((int?)60, Stored(fixture, "helene@contoso.test", "42").CompletionPercentage);
    }

    [Fact]
    public void An_xlsx_error_names_the_sheet_row_as_Excel_shows_it()
    {
        using var fixture = new ImportFixture();
        var path = fixture.File("training.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Data");
            sheet.Cell(1, 1).SetValue("UserPrincipalName");
            sheet.Cell(1, 2).SetValue("CourseId");
            sheet.Cell(1, 3).SetValue("CompletedDate");
            sheet.Cell(2, 1).SetValue("alice@contoso.test");
            sheet.Cell(2, 2).SetValue<string>("C-1");
            sheet.Cell(2, 3).SetValue<string>("2026-02-10");
            sheet.Cell(5, 1).SetValue("bob@contoso.test");
            sheet.Cell(5, 2).SetValue<string>("C-1");
            sheet.Cell(5, 3).SetValue<string>("soon");
            workbook.SaveAs(path);
        }

        var failure = Fails(fixture, Options(fixture, path));
        Assert.StartsWith(path + ": row 5, column 'CompletedDate': 'soon' is not a date", failure.Message);
    }

    [Fact]
    public void A_missing_file_and_a_missing_store_are_not_found()
    {
        using var fixture = new ImportFixture();
        var missing = Assert.Throws<SocialToolkitException>(() => Import(Options(fixture, fixture.File("absent.csv"))));
        Assert.Equal(("ImportFileNotFound", FailureKind.NotFound), (missing.ErrorId, missing.Kind));

        var path = fixture.Write("training.csv", Header + "\nalice@contoso.test,C-101,T,,Completed,,2026-02-10,\n");
        var options = Options(fixture, path);
        options.StorePath = fixture.File("nostore.db");
        Assert.Equal("StoreNotFound", Assert.Throws<SocialToolkitException>(() => Import(options)).ErrorId);
        Assert.False(File.Exists(options.StorePath.FilePath));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_re_import_with_fewer_columns_updates_only_the_columns_it_has(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Import(Options(fixture, fixture.Write("full.csv", Header + "\nalice@contoso.test,C-1,Speaking up,Internal,Completed,2026-01-05,2026-02-10,100\n")));

        Import(Options(fixture, fixture.Write("titles.csv", "Email,CourseId,CourseTitle\nalice@contoso.test,C-1,Speaking up (v2)\n")));

        using var store = SocialStore.Open(fixture.StorePath);
        var record = Assert.Single(store.ReadTraining());
        Assert.Equal(("Speaking up (v2)", TrainingStatus.Completed, new DateTime(2026, 2, 10), (DateTime?)new DateTime(2026, 1, 5), (int?)100, "Internal"),
            (record.CourseTitle, record.Status, record.CompletedDate!.Value, record.AssignedDate, record.CompletionPercentage, record.Provider));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void An_empty_status_cell_in_a_file_without_dates_or_percentages_keeps_the_stored_status(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Import(Options(fixture, fixture.Write("full.csv", Header + "\nalice@contoso.test,C-1,Speaking up,Internal,Completed,2026-01-05,2026-02-10,100\n")));

        // A list of titles with a Status column left blank knows nothing of whether Alice completed the course.
        Import(Options(fixture, fixture.Write("titles.csv", "Email,CourseId,CourseTitle,Status\nalice@contoso.test,C-1,Speaking up (v2),\nbob@contoso.test,C-1,Speaking up (v2),\n")));

        Assert.Equal((TrainingStatus.Completed, (DateTime?)new DateTime(2026, 2, 10)), (Stored(fixture, "alice@contoso.test", "C-1").Status, Stored(fixture, "alice@contoso.test", "C-1").CompletedDate));
        Assert.Equal(TrainingStatus.NotStarted, Stored(fixture, "bob@contoso.test", "C-1").Status);
    }

    [Fact]
    public void A_French_training_export_imports_without_a_map()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("formations.csv",
            "Courriel;Code formation;Intitulé;Statut;Date de fin\r\n" +
            "alice.martin@contoso.test;F-01;Prise de parole;Terminé;03/11/2025\r\n" +
            "bob@contoso.test;F-01;Prise de parole;En cours;\r\n" +
            "helene@contoso.test;F-01;Prise de parole;Non démarré;\r\n" +
            "old@contoso.test;F-01;Prise de parole;Abandonné;\r\n",
            Encoding.UTF8);

        Import(Options(fixture, path, culture: new CultureInfo("fr-FR")));

        using var store = SocialStore.Open(fixture.StorePath);
        var records = store.ReadTraining().ToDictionary(r => r.UserPrincipalName);
        Assert.Equal((TrainingStatus.Completed, (DateTime?)new DateTime(2025, 11, 3), "Prise de parole"), (records["alice@contoso.test"].Status, records["alice@contoso.test"].CompletedDate, records["alice@contoso.test"].CourseTitle));
        Assert.Equal(TrainingStatus.InProgress, records["bob@contoso.test"].Status);
        Assert.Equal(TrainingStatus.NotStarted, records["helene@contoso.test"].Status);
        Assert.Equal(TrainingStatus.InProgress, records["old@contoso.test"].Status);
    }

    [Fact]
    public void A_completion_in_the_future_is_refused()
    {
        using var fixture = new ImportFixture();
        var later = DateTime.UtcNow.Date.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = fixture.Write("t.csv", Header + "\nalice@contoso.test,C-1,T,,Completed,," + later + ",\n");

        var failure = Fails(fixture, Options(fixture, path));

        Assert.Equal("ImportFutureDate", failure.ErrorId);
        Assert.Contains("row 2, column 'CompletedDate': " + later + " is in the future", failure.Message, StringComparison.Ordinal);
    }
}

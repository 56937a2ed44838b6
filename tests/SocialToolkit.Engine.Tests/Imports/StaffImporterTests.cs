using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Imports;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Imports;

/// <summary>
/// Staff imports. People with their history, which source owns a field, and a write cancelled halfway run on both
/// backends. The rest (which fields a file maps, bad rows, xlsx dates, long values, zip bombs) is decided from the file
/// before anything is written, by the same code whatever the store: it runs on the file only.
/// </summary>
public sealed class StaffImporterTests
{
    // The fixture stores its people today; the imports are seen the day after.
    private static readonly DateTime Day = DateTime.UtcNow.Date.AddDays(1);

    private static StaffImportOptions Options(ImportFixture fixture, string path, CultureInfo? culture = null, string source = StaffImporter.FileWins, System.Collections.IDictionary? map = null, DateTime? seenOn = null) => new()
    {
        Path = path,
        StorePath = fixture.StorePath,
        Culture = culture,
        Source = source,
        ColumnMap = map,
        SeenOn = seenOn ?? Day,
    };

    private static Core.Store.StaffImportSummary Import(StaffImportOptions options, RecordingReporter? reporter = null)
    {
        var plan = StaffImporter.Prepare(options, reporter ?? new RecordingReporter(), CancellationToken.None);
        return StaffImporter.Apply(plan, reporter ?? new RecordingReporter(), CancellationToken.None);
    }

    private static SocialToolkitException Fails(ImportFixture fixture, StaffImportOptions options) =>
        fixture.FailsLeavingStoreUnchanged(() => Import(options));

    private static Dictionary<string, ReportPerson> People(ImportFixture fixture)
    {
        using var store = SocialStore.Open(fixture.StorePath);
        return store.ReadReportPeople().ToDictionary(p => p.UserPrincipalName, StringComparer.OrdinalIgnoreCase);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_French_HR_export_imports_without_a_map_and_fills_dates_kinds_and_history(string backend)
    {
        using var fixture = new ImportFixture(backend);
        var path = fixture.Write("effectifs.csv",
            "Courriel;Nom complet;Service;Poste;Pays;Bureau;Responsable;Date d'embauche;Date de sortie;Type de compte\r\n" +
            "alice.martin@contoso.test;Alice Martin;Ventes;Directrice;France;Paris;;01/03/2019;;Salarié\r\n" +
            "bob@contoso.test;Bob Durand;Juridique;Juriste;France;Lyon;alice@contoso.test;15/09/2021;31/12/2026;Membre\r\n" +
            "nouveau@contoso.test;Nadia Nouveau;Ventes;Commerciale;Belgique;Bruxelles;alice.martin@contoso.test;02/11/2026;;Membre\r\n" +
            "presta@fabrikam.test;Paul Presta;Ventes;Consultant;France;Paris;;;;Prestataire\r\n",
            Encoding.UTF8);

        var summary = Import(Options(fixture, path, new CultureInfo("fr-FR")));

        Assert.Equal((4, 2, 2), (summary.RowsRead, summary.PeopleAdded, summary.PeopleUpdated));
        Assert.Equal(new[] { "DisplayName", "Department", "JobTitle", "Office", "Country", "Manager", "HireDate", "LeaveDate", "UserType" }, summary.Fields);
        var people = People(fixture);
        Assert.Equal(("Ventes", new DateTime(2019, 3, 1), (DateTime?)null), (people["alice@contoso.test"].Department, people["alice@contoso.test"].HireDate, people["alice@contoso.test"].LeaveDate));
        Assert.Equal(new DateTime(2026, 12, 31), people["bob@contoso.test"].LeaveDate);
        Assert.Equal((StaffAccount.Member, "Nadia Nouveau"), (people["nouveau@contoso.test"].UserType, people["nouveau@contoso.test"].DisplayName));
        Assert.Equal(StaffAccount.Guest, people["presta@fabrikam.test"].UserType);
        Assert.False(people["presta@fabrikam.test"].IsStaffOn(Day));
        Assert.False(people["bob@contoso.test"].IsStaffOn(new DateTime(2027, 1, 5)));

        using var store = SocialStore.Open(fixture.StorePath);
        var nadia = store.ReadPeople().Single(p => p.UserPrincipalName == "nouveau@contoso.test");
        Assert.Equal("alice@contoso.test", nadia.ManagerUserPrincipalName);
        var history = store.ReadPersonHistory("alice@contoso.test").Where(h => h.Field == "Department").ToList();
        Assert.Equal(new[] { "Sales", "Ventes" }, history.Select(h => h.Value));
        Assert.Equal(Day, history[1].SeenFrom);
        Assert.Equal("HRFile", history[1].Source);
        Assert.Contains(store.ReadLog(1), l => l.Operation == "Import-SocialStaff" && l.Outcome == "Succeeded");
    }

    [Fact]
    public void Only_the_fields_the_file_maps_are_written()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("leavers.csv", "Email,LeaveDate\r\nbob@contoso.test,2026-11-30\r\n");

        var summary = Import(Options(fixture, path));

        Assert.Equal(new[] { "LeaveDate" }, summary.Fields);
        var bob = People(fixture)["bob@contoso.test"];
        Assert.Equal(("Legal", "Bob Durand", new DateTime(2026, 11, 30)), (bob.Department, bob.DisplayName, bob.LeaveDate));
        using var store = SocialStore.Open(fixture.StorePath);
        Assert.Equal("alice@contoso.test", store.ReadPeople().Single(p => p.UserPrincipalName == "bob@contoso.test").ManagerUserPrincipalName);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Source_Directory_only_fills_empty_fields_and_Source_File_makes_later_syncs_fill_only(string backend)
    {
        using var fixture = new ImportFixture(backend);
        var path = fixture.Write("hr.csv", "UPN,Department,Country\r\nalice@contoso.test,Ventes,France\r\n");

        Import(Options(fixture, path, source: StaffImporter.DirectoryWins));
        Assert.Equal(("Sales", "France"), (People(fixture)["alice@contoso.test"].Department, People(fixture)["alice@contoso.test"].Country));

        Import(Options(fixture, path, source: StaffImporter.FileWins));
        Assert.Equal("Ventes", People(fixture)["alice@contoso.test"].Department);

        // A directory write afterwards fills only: the HR file keeps Department and Country.
        using (var store = SocialStore.Open(fixture.StorePath))
        {
            var owned = StaffAuthority.ReadFileOwned(store);
            Assert.Equal(PersonFields.Department | PersonFields.Country, owned);
            store.InTransaction(t => store.UpsertPeople(
                new[] { new Person { Id = "1", UserPrincipalName = "alice@contoso.test", Mail = "alice.martin@contoso.test", DisplayName = "Alice Martin", Department = "Sales", Country = "Spain", JobTitle = "Head of sales" } },
                new PeopleWriteOptions { Source = "Graph", SeenOn = Day.AddDays(1), Overwrite = PersonFields.All & ~owned, FillOnly = owned },
                t));
        }

        var alice = People(fixture)["alice@contoso.test"];
        Assert.Equal(("Ventes", "France", "Head of sales"), (alice.Department, alice.Country, alice.JobTitle));
    }

    /// <summary>A first import that stores one date, a second that gives the other: each case on both backends.</summary>
    public static IEnumerable<object[]> LeaveBeforeHireCases =>
        from backend in StoreTarget.Backends.Select(b => (string)b[0])
        from c in new[]
        {
            new[] { "Email,HireDate\r\nbob@contoso.test,2021-09-15\r\n", "Email,LeaveDate\r\nalice@contoso.test,2026-11-30\r\nbob@contoso.test,2020-06-30\r\n", StaffImporter.FileWins,
                "row 3, column 'LeaveDate': the leave date 2020-06-30 is before the hire date 2021-09-15 the store holds." },
            new[] { "Email,LeaveDate\r\nbob@contoso.test,2026-11-30\r\n", "Email,HireDate\r\nbob@contoso.test,2027-01-04\r\n", StaffImporter.FileWins,
                "row 2, column 'HireDate': the leave date 2026-11-30 the store holds is before the hire date 2027-01-04." },
            new[] { "Email,HireDate\r\nbob@contoso.test,2021-09-15\r\n", "Email,HireDate,LeaveDate\r\nbob@contoso.test,2019-01-07,2020-06-30\r\n", StaffImporter.DirectoryWins,
                "row 2, column 'LeaveDate': the leave date 2020-06-30 is before the hire date 2021-09-15 the store holds." },
        }
        select new object[] { backend, c[0], c[1], c[2], c[3] };

    [SkippableTheory]
    [MemberData(nameof(LeaveBeforeHireCases))]
    public void A_leave_date_before_the_hire_date_is_refused_when_one_of_them_is_the_stored_one(string backend, string first, string second, string source, string message)
    {
        using var fixture = new ImportFixture(backend);
        Import(Options(fixture, fixture.Write("first.csv", first)));

        var failure = Fails(fixture, Options(fixture, fixture.Write("second.csv", second), source: source, seenOn: Day.AddDays(1)));

        Assert.Equal("ImportInvalidValue", failure.ErrorId);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_column_holding_names_is_refused_rather_than_replacing_the_stored_managers()
    {
        using var fixture = new ImportFixture();

        // HR exports often carry the manager's name next to the manager's address.
        var failure = Fails(fixture, Options(fixture, fixture.Write("hr.csv", "Email,Department,Manager,Manager Email\r\nbob@contoso.test,Legal,Alice Martin,alice@contoso.test\r\n")));

        Assert.Equal("ImportInvalidValue", failure.ErrorId);
        Assert.Contains("row 2, column 'Manager' (ManagerUserPrincipalName): 'Alice Martin'", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Email,HireDate\r\nalice@contoso.test,31/02/2020\r\n", "ImportInvalidValue", "row 2, column 'HireDate'")]
    [InlineData("Email,HireDate,LeaveDate\r\nalice@contoso.test,2020-01-01,2019-12-31\r\n", "ImportInvalidValue", "row 2, column 'LeaveDate'")]
    [InlineData("Email,UserType\r\nalice@contoso.test,Robot\r\n", "ImportInvalidValue", "row 2, column 'UserType'")]
    [InlineData("Email,Department\r\nnot an address,Sales\r\n", "ImportInvalidValue", "row 2, column 'Email' (UserPrincipalName)")]
    [InlineData("Email,Department\r\nalice@contoso.test,A\r\nALICE.MARTIN@contoso.test,B\r\n", "ImportDuplicateRow", "row 3, column 'Email' (UserPrincipalName)")]
    [InlineData("Name,Department\r\nAlice,Sales\r\n", "ImportMissingColumn", "row 1 (header)")]
    public void A_bad_row_fails_the_whole_file_and_names_row_and_column(string csv, string errorId, string where)
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("bad.csv", csv);

        var failure = Fails(fixture, Options(fixture, path));

        Assert.Equal(errorId, failure.ErrorId);
        Assert.Contains(path + ": " + where, failure.Message, StringComparison.Ordinal);
        Assert.Equal(path, failure.Target);
    }

    [Fact]
    public void An_xlsx_export_with_real_dates_imports()
    {
        using var fixture = new ImportFixture();
        var path = fixture.File("hr.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Staff");
            sheet.Cell(1, 1).Value = "Adresse e-mail";
            sheet.Cell(1, 2).Value = "Date d'embauche";
            sheet.Cell(1, 3).Value = "Direction";
            sheet.Cell(2, 1).Value = "helene@contoso.test";
            sheet.Cell(2, 2).Value = new DateTime(2018, 6, 4);
            sheet.Cell(2, 3).Value = "Ressources humaines";
            workbook.SaveAs(path);
        }

        Import(Options(fixture, path));

        var helene = People(fixture)["helene@contoso.test"];
        Assert.Equal((new DateTime(2018, 6, 4), "Ressources humaines"), (helene.HireDate, helene.Department));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Cancelled_while_storing_leaves_the_store_unchanged(string backend)
    {
        using var fixture = new ImportFixture(backend);
        var path = fixture.Write("hr.csv", "Email,Department\r\nalice@contoso.test,Ventes\r\n");
        var plan = StaffImporter.Prepare(Options(fixture, path), new RecordingReporter(), CancellationToken.None);
        var before = fixture.Snapshot();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => StaffImporter.Apply(plan, new RecordingReporter(), cancelled.Token));

        Assert.Equal(before, fixture.Snapshot());
    }

    [Fact]
    public void A_value_longer_than_its_field_allows_is_refused_with_row_and_column()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("long.csv", "Email,Department\r\nalice@contoso.test," + new string('x', 300) + "\r\n");

        var failure = Fails(fixture, Options(fixture, path));

        Assert.Equal("ImportValueTooLong", failure.ErrorId);
        Assert.Contains(path + ": row 2, column 'Department': the value is 300 characters long; Department takes at most 256.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_named_xlsx_is_refused_quickly_without_being_parsed()
    {
        using var fixture = new ImportFixture();
        var path = fixture.File("bomb.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.Optimal);
            using var stream = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                stream.Write(zeros, 0, zeros.Length);
            }
        }

        Assert.True(new FileInfo(path).Length < 1024 * 1024);
        var failure = Fails(fixture, Options(fixture, path));

        Assert.Equal(("ImportFileTooLarge", FailureKind.InvalidData), (failure.ErrorId, failure.Kind));
        Assert.Contains("expands more than 200 times its compressed size", failure.Message, StringComparison.Ordinal);
    }
}

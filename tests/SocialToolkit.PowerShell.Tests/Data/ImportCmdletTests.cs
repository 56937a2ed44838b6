using System.Management.Automation;
using System.Runtime.Loader;
using System.Text;
using ClosedXML.Excel;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Data;

public sealed class ImportCmdletTests
{
    private const string Header = "UserPrincipalName,CourseId,CourseTitle,Provider,Status,AssignedDate,CompletedDate,CompletionPercentage";
    private const string VivaEngageHeader = "Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period";
    private const string TeamsHeader = "Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Post Messages,Reply Messages,Urgent Messages,Report Period";

    [Fact]
    public void Training_import_through_the_pipeline_stores_the_file_with_SQLite_loaded_privately_from_Dependencies()
    {
        using var data = new DataSession();
        var path = data.Write("training.csv", Header + "\nalice@contoso.test,C-101,Speaking up,Internal,Completed,2026-01-05,2026-02-10,100\nbob.durand@CONTOSO.test,C-101,Speaking up,,InProgress,,,40\n");

        var result = data.Run("[pscustomobject]@{ FullName = $path } | Import-SocialTrainingRecord -StorePath $store", new() { ["path"] = path }).AssertNoErrors();

        var summary = Assert.Single(result.Output);
        Assert.Equal("SocialToolkit.Core.Store.TrainingImportSummary", summary.BaseObject.GetType().FullName);
        Assert.Equal((2, 2, 2), ((int)summary.Properties["RowsRead"].Value, (int)summary.Properties["RowsStored"].Value, (int)summary.Properties["PeopleMatched"].Value));
        Assert.Equal(2, data.Count("SELECT count(*) FROM training"));

        // The module's SQLite: managed assembly in the private context, native library from Dependencies/runtimes/<rid>/native.
        var dependencies = Path.Combine(Hosting.ModulePaths.ModuleFolder, "Dependencies");
        var privateSqlite = AssemblyLoadContext.All
            .Where(c => c != AssemblyLoadContext.Default)
            .SelectMany(c => c.Assemblies)
            .FirstOrDefault(a => a.GetName().Name == "Microsoft.Data.Sqlite");
        Assert.NotNull(privateSqlite);
        Assert.StartsWith(dependencies, privateSqlite!.Location, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            var maps = File.ReadAllText("/proc/self/maps");
            Assert.Contains(Path.Combine(dependencies, "runtimes", "linux-x64", "native", "libe_sqlite3.so"), maps, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Import_SocialStaff_reads_a_French_HR_export_and_a_bad_row_is_an_InvalidData_error_naming_row_and_column()
    {
        using var data = new DataSession();
        var path = data.Write("effectifs.csv",
            "Courriel;Nom complet;Service;Date d'embauche;Date de sortie\r\n" +
            "alice.martin@contoso.test;Alice Martin;Ventes;01/03/2019;\r\n" +
            "nouveau@contoso.test;Nadia Nouveau;Ventes;02/11/2026;\r\n",
            Encoding.UTF8);

        var result = data.Run("[pscustomobject]@{ FullName = $path } | Import-SocialStaff -StorePath $store -Culture fr-FR", new() { ["path"] = path }).AssertNoErrors();

        var summary = Assert.Single(result.Output);
        Assert.Equal("SocialToolkit.Core.Store.StaffImportSummary", summary.BaseObject.GetType().FullName);
        Assert.Equal((1, 1), ((int)summary.Properties["PeopleAdded"].Value, (int)summary.Properties["PeopleUpdated"].Value));
        Assert.Equal(1, data.Count("SELECT count(*) FROM person WHERE upn = 'alice@contoso.test' AND department = 'Ventes' AND hire_date = '2019-03-01'"));
        Assert.Equal(1, data.Count("SELECT count(*) FROM person_history h JOIN person p ON p.id = h.person_id WHERE p.upn = 'alice@contoso.test' AND h.field = 'Department' AND h.value = 'Ventes'"));

        var before = data.Snapshot();
        var bad = data.Write("bad.csv", "Courriel;Date d'embauche\r\nbob@contoso.test;31/02/2020\r\n");
        var failed = data.Run("Import-SocialStaff -Path $bad -StorePath $store -Culture fr-FR", new() { ["bad"] = bad });
        var error = Assert.Single(failed.Errors);
        Assert.StartsWith("ImportInvalidValue,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(bad, error.TargetObject);
        Assert.Contains(bad + ": row 2, column 'Date d'embauche' (HireDate)", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, data.Snapshot());
    }

    public static IEnumerable<object[]> BadTrainingFiles() => new[]
    {
        new object[] { "missing-column", "Email,Title\nalice@contoso.test,T\n", "", "ImportMissingColumn", new[] { ": row 1 (header), column no column for CourseId" } },
        new object[] { "bad-date", Header + "\nalice@contoso.test,C-1,T,,Completed,,2026-02-10,\nbob@contoso.test,C-1,T,,Completed,,31/12/2026,\n", "", "ImportInvalidValue", new[] { ": row 3, column 'CompletedDate': '31/12/2026' is not a date", "-Culture" } },
        new object[] { "bad-date-fr", Header.Replace(',', ';') + "\nalice@contoso.test;C-1;T;;Completed;;10/02/2026;\nbob@contoso.test;C-1;T;;Completed;;02/31/2026;\n", "-Culture fr-FR", "ImportInvalidValue", new[] { ": row 3, column 'CompletedDate': '02/31/2026' is not a date in the expected format (dd/MM/yyyy or yyyy-MM-dd)" } },
        new object[] { "wrong-delimiter", Header.Replace(',', ';') + "\nalice@contoso.test;C-1;T;;Completed;;2026-02-10;\n", "-Delimiter ','", "ImportMissingColumn", new[] { ": row 1 (header)", "separated by ';', not ','" } },
        new object[] { "empty", "", "", "ImportEmptyFile", new[] { ": row 1: the file is empty" } },
        new object[] { "header-only", Header + "\r\n", "", "ImportNoRows", new[] { ": row 2: the file has a header but no data rows" } },
        new object[] { "duplicate", Header + "\nalice@contoso.test,C-1,T,,Completed,,2026-02-10,\nbob@contoso.test,C-1,T,,Completed,,2026-02-10,\nalice.martin@contoso.test,C-1,T,,Completed,,2026-02-11,\n", "", "ImportDuplicateRow", new[] { ": row 4, column 'UserPrincipalName' and 'CourseId': rows 2 and 4" } },
        new object[] { "unknown-person", Header + "\nalice@contoso.test,C-1,T,,Completed,,2026-02-10,\nnobody@contoso.test,C-1,T,,Completed,,2026-02-10,\n", "-RequireAllMatched", "ImportUnmatchedPeople", new[] { ": row 3, column 'UserPrincipalName': no one in the store has the user principal name or mail 'nobody@contoso.test'" } },
    };

    [Theory]
    [MemberData(nameof(BadTrainingFiles))]
    public void A_bad_training_file_fails_naming_file_row_and_column_and_leaves_the_store_unchanged(string name, string content, string parameters, string errorId, string[] expected)
    {
        using var data = new DataSession();
        data.Run("Import-SocialTrainingRecord -Path $path -StorePath $store", new() { ["path"] = data.Write("seed.csv", Header + "\nhelene@contoso.test,C-9,Seed,,Completed,,2026-01-01,\n") }).AssertNoErrors();
        var before = data.Snapshot();
        var path = data.Write(name + ".csv", content);

        var result = data.Run($"Import-SocialTrainingRecord -Path $path -StorePath $store {parameters}", new() { ["path"] = path });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(path, error.TargetObject);
        foreach (var text in expected)
        {
            Assert.Contains(text.StartsWith(": ", StringComparison.Ordinal) ? path + text : text, error.Exception.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith(path + ": row ", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Equal(before, data.Snapshot());
    }

    public static IEnumerable<object[]> Encodings() => new[]
    {
        new object[] { "utf8-bom", new UTF8Encoding(true) },
        new object[] { "utf8", new UTF8Encoding(false) },
        new object[] { "utf16le", new UnicodeEncoding(false, true) },
        new object[] { "utf16be", new UnicodeEncoding(true, true) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Accents_survive_each_encoding(string name, Encoding encoding)
    {
        using var data = new DataSession();
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Header + "\r\nhelene@contoso.test,C-1,Écrire avec Hélène,,Completed,,2026-02-10,\r\n")).ToArray();
        var path = data.WriteBytes(name + ".csv", bytes);

        data.Run("Import-SocialTrainingRecord -Path $path -StorePath $store", new() { ["path"] = path }).AssertNoErrors();

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={data.StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT course_title FROM training";
        Assert.Equal("Écrire avec Hélène", command.ExecuteScalar());
    }

    [Fact]
    public void A_french_semicolon_file_imports_under_fr_FR_and_reports_unmatched_rows_as_a_warning()
    {
        using var data = new DataSession();
        var path = data.Write("formations.csv", "Courriel;Module;Intitulé;Date de fin\nalice@contoso.test;C-1;Prise de parole;10/02/2026\ninconnu@contoso.test;C-1;Prise de parole;11/02/2026\n", new UTF8Encoding(true));

        var result = data.Run("Import-SocialTrainingRecord -Path $path -StorePath $store -Culture fr-FR -ColumnMap @{ UserPrincipalName = 'Courriel'; CourseId = 'Module'; CourseTitle = 'Intitulé'; CompletedDate = 'Date de fin' }",
            new() { ["path"] = path }).AssertNoErrors();

        var summary = Assert.Single(result.Output);
        Assert.Equal(1, (int)summary.Properties["RowsStored"].Value);
        var unmatched = ((System.Collections.IEnumerable)summary.Properties["UnmatchedRows"].Value).Cast<object>().Single();
        Assert.Equal("row 3: inconnu@contoso.test", unmatched.ToString());
        Assert.Contains(result.Warnings, w => w.Message.Contains("row 3 (inconnu@contoso.test)", StringComparison.Ordinal));
        Assert.Equal(1, data.Count("SELECT count(*) FROM training WHERE completed_date = '2026-02-10'"));
    }

    [Fact]
    public void An_xlsx_file_imports_and_PassThru_writes_the_records()
    {
        using var data = new DataSession();
        var path = Path.Combine(data.Folder, "training.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Training");
            sheet.Cell(1, 1).SetValue("Email");
            sheet.Cell(1, 2).SetValue("Course");
            sheet.Cell(1, 3).SetValue("Completed");
            sheet.Cell(2, 1).SetValue("helene.leroy@contoso.test");
            sheet.Cell(2, 2).SetValue<string>("007");
            sheet.Cell(2, 3).SetValue(new DateTime(2026, 2, 10));
            workbook.SaveAs(path);
        }

        var result = data.Run("Import-SocialTrainingRecord -Path $path -StorePath $store -PassThru", new() { ["path"] = path }).AssertNoErrors();

        var record = Assert.Single(result.Output);
        Assert.Equal("SocialToolkit.Core.Model.TrainingRecord", record.BaseObject.GetType().FullName);
        Assert.Equal(("helene@contoso.test", "007", new DateTime(2026, 2, 10)), ((string)record.Properties["UserPrincipalName"].Value, (string)record.Properties["CourseId"].Value, (DateTime)record.Properties["CompletedDate"].Value));
    }

    [Fact]
    public void WhatIf_checks_the_file_and_stores_nothing()
    {
        using var data = new DataSession();
        var before = data.Snapshot();
        var path = data.Write("training.csv", Header + "\nalice@contoso.test,C-1,T,,Completed,,2026-02-10,\n");

        var result = data.Run("Import-SocialTrainingRecord -Path $path -StorePath $store -WhatIf", new() { ["path"] = path }).AssertNoErrors();

        Assert.Empty(result.Output);
        Assert.Contains(data.Session.Host.UI.Lines, l => l.Contains("What if", StringComparison.Ordinal) && l.Contains("Import 1 training record(s)", StringComparison.Ordinal));
        Assert.Equal(before, data.Snapshot());
    }

    [Fact]
    public void A_one_day_report_given_Date_is_stored_on_that_day_and_Date_is_refused_with_Network()
    {
        using var data = new DataSession();
        var engage = data.Write("engage.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,Alice,Active,,2026-03-28,3,12,4,E3,1\n");

        data.Run("Import-SocialActivity -Path $path -StorePath $store -Date 2026-03-28", new() { ["path"] = engage }).AssertNoErrors();

        Assert.Equal(1, data.Count("SELECT count(*) FROM activity WHERE network = 'VivaEngage' AND day = '2026-03-28' AND posts = 3"));
        Assert.Equal(0, data.Count("SELECT count(*) FROM activity WHERE day = '2026-03-30'"));
        Assert.Equal(1, data.Count("SELECT count(*) FROM coverage WHERE network = 'VivaEngage' AND day = '2026-03-28'"));

        var before = data.Snapshot();
        var refused = data.Run("Import-SocialActivity -Path $path -StorePath $store -Network LinkedIn -Date 2026-03-28", new() { ["path"] = engage });
        Assert.Contains(refused.AllText(), text => text.Contains("Parameter set cannot be resolved", StringComparison.Ordinal));
        Assert.Equal(before, data.Snapshot());
    }

    [Fact]
    public void Viva_Engage_and_Teams_exports_are_recognised_and_period_exports_refused()
    {
        using var data = new DataSession();
        var engage = data.Write("engage.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,Alice,Active,,2026-03-30,3,12,4,E3,1\n");
        var teams = data.Write("teams.csv", TeamsHeader + "\n2026-03-30,id-1,bob@contoso.test,2026-03-30,False,,Teams,6,20,1,2,4,2,0,1\n");

        var result = data.Run("Import-SocialActivity -Path $engage -StorePath $store; Import-SocialActivity -Path $teams -StorePath $store", new() { ["engage"] = engage, ["teams"] = teams }).AssertNoErrors();

        Assert.Equal(new[] { "VivaEngageUserDetail", "TeamsUserActivityUserDetail" }, result.Output.Select(o => (string)o.Properties["Kind"].Value));
        Assert.Equal(1, data.Count("SELECT count(*) FROM activity WHERE network = 'VivaEngage' AND day = '2026-03-30' AND posts = 3 AND reads = 12 AND reactions = 4"));
        Assert.Equal(1, data.Count("SELECT count(*) FROM activity WHERE network = 'Teams' AND posts = 4 AND replies = 2"));

        var before = data.Snapshot();
        var period = data.Write("engage-d7.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,Alice,Active,,2026-03-30,3,12,4,E3,7\n");
        var refused = data.Run("Import-SocialActivity -Path $path -StorePath $store", new() { ["path"] = period });
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("ImportAggregatedReport,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(period + ": row 2, column 'Report Period'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Only daily exports", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, data.Snapshot());
    }

    [Fact]
    public void A_network_export_with_duplicates_names_both_rows_and_a_valid_one_imports()
    {
        using var data = new DataSession();
        var before = data.Snapshot();
        var duplicate = data.Write("li-dup.csv", "Work email;Date;Posts\nalice@contoso.test;02/03/2026;1\nalice.martin@contoso.test;02/03/2026;2\n");
        var failed = data.Run("Import-SocialActivity -Path $path -StorePath $store -Network LinkedIn -Culture fr-FR -ColumnMap @{ UserPrincipalName = 'Work email' }", new() { ["path"] = duplicate });
        var error = Assert.Single(failed.Errors);
        Assert.Contains(duplicate + ": row 3, column 'Work email' (UserPrincipalName) and 'Date' (Day): rows 2 and 3", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, data.Snapshot());

        var valid = data.Write("li.csv", "Work email;Date;Posts;Likes\nalice@contoso.test;02/03/2026;1;3\nbob@contoso.test;03/03/2026;0;1\n");
        var result = data.Run("Import-SocialActivity -Path $path -StorePath $store -Network LinkedIn -Culture fr-FR -ColumnMap @{ UserPrincipalName = 'Work email' }", new() { ["path"] = valid }).AssertNoErrors();
        Assert.Equal(2, (int)result.Output.Single().Properties["RowsStored"].Value);
        Assert.Equal(2, data.Count("SELECT count(*) FROM coverage WHERE network = 'LinkedIn'"));
    }
}

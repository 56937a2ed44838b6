using System;
using System.IO;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using SocialToolkit.Core.Files;

namespace SocialToolkit.Reports.Workbook
{
    /// <summary>The three passes of a report workbook: ClosedXML, then the OpenXml SDK (charts), then the streamed big sheet.</summary>
    internal static class WorkbookAssembler
    {
        public static FileInfo Save(OutputFile file, XLWorkbook workbook, Action<SpreadsheetDocument> edit, Action<string, Stream>? copyWithRows)
        {
            var first = file.NewTemporary();
            file.Write(() =>
            {
                using var stream = file.Create(first);
                workbook.SaveAs(stream);
            });
            file.Write(() =>
            {
                using var document = SpreadsheetDocument.Open(first, true);
                edit(document);
            });

            var finished = first;
            if (copyWithRows != null)
            {
                finished = file.NewTemporary();
                var target = finished;
                file.Write(() =>
                {
                    using var stream = file.Create(target);
                    copyWithRows(first, stream);
                });
            }

            return file.Commit(finished);
        }

        public static WorksheetPart Sheet(SpreadsheetDocument document, string name)
        {
            var workbookPart = document.WorkbookPart!;
            foreach (var sheet in workbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
            {
                if (sheet.Name == name)
                {
                    return (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
                }
            }

            throw new InvalidOperationException("No sheet named " + name);
        }
    }
}

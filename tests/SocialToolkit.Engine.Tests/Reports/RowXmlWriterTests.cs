using System.Text;
using System.Xml.Linq;
using SocialToolkit.Reports.Workbook;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>The byte writer of big sheets' rows: what an XML parser reads back is exactly what was written.</summary>
public sealed class RowXmlWriterTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void Text_numbers_styles_and_references_read_back_exactly()
    {
        var texts = new[] { "Tom & Jerry <R&D>", " leading and trailing ", "Île-de-France — café 😀 & <b>", "=SUM(A1)", "plain", string.Empty, "line\nbreak" };
        var stream = new MemoryStream();
        var writer = new RowXmlWriter(stream, new[] { "3", null, "7" }, "9");
        for (var r = 0; r < texts.Length; r++)
        {
            writer.StartRow(r + 2);
            writer.Text(0, texts[r], quoted: texts[r].StartsWith('='));
            writer.Integer(1, r == 0 ? -42 : r == 1 ? 3_000_000_000L : r * 1_000_003);
            writer.Number(2, (r + 0.25).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            writer.EndRow();
        }

        writer.Flush();
        var xml = $"<sheetData xmlns=\"{Main.NamespaceName}\">{Encoding.UTF8.GetString(stream.ToArray())}</sheetData>";
        var rows = XElement.Parse(xml, LoadOptions.PreserveWhitespace).Elements(Main + "row").ToList();

        Assert.Equal(texts.Length, rows.Count);
        for (var r = 0; r < texts.Length; r++)
        {
            var number = (r + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(number, (string?)rows[r].Attribute("r"));
            var cells = rows[r].Elements(Main + "c").ToList();
            Assert.Equal(new[] { "A" + number, "B" + number, "C" + number }, cells.Select(c => (string?)c.Attribute("r")));
            Assert.Equal(texts[r], cells[0].Element(Main + "is")!.Element(Main + "t")!.Value);
            Assert.Equal(texts[r].StartsWith('=') ? "9" : "3", (string?)cells[0].Attribute("s"));
            Assert.Equal("inlineStr", (string?)cells[0].Attribute("t"));
            Assert.Null(cells[1].Attribute("s"));
            Assert.Equal(r == 0 ? "-42" : r == 1 ? "3000000000" : (r * 1_000_003).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[1].Element(Main + "v")!.Value);
            Assert.Equal((r + 0.25).ToString("R", System.Globalization.CultureInfo.InvariantCulture), cells[2].Element(Main + "v")!.Value);
        }

        // Text with spaces at either end keeps them when Excel reads it (xml:space="preserve").
        Assert.Equal("preserve", (string?)rows[1].Descendants(Main + "t").Single().Attribute(XNamespace.Xml + "space"));
    }

    [Fact]
    public void Rows_larger_than_the_buffer_are_written_whole()
    {
        var stream = new MemoryStream();
        var writer = new RowXmlWriter(stream, new string?[] { null }, null);
        var text = new string('é', 100_000) + "&" + new string('x', 100_000);
        writer.StartRow(1_234_560);
        writer.Text(0, text, quoted: false);
        writer.EndRow();
        writer.Flush();
        var xml = $"<sheetData xmlns=\"{Main.NamespaceName}\">{Encoding.UTF8.GetString(stream.ToArray())}</sheetData>";
        Assert.Equal(text, XElement.Parse(xml).Descendants(Main + "t").Single().Value);
        Assert.Equal("1234560", (string?)XElement.Parse(xml).Element(Main + "row")!.Attribute("r"));
        Assert.Equal("A1234560", (string?)XElement.Parse(xml).Descendants(Main + "c").Single().Attribute("r"));
    }

    [Fact]
    public void Rows_written_before_their_styles_are_known_come_out_the_same_once_styled()
    {
        void Rows(RowXmlWriter writer)
        {
            for (var r = 0; r < 20_000; r++)
            {
                writer.StartRow(r + 2);
                writer.Text(0, r % 7 == 0 ? "=formula-like" : "P-" + r.ToString("X12", System.Globalization.CultureInfo.InvariantCulture), quoted: r % 7 == 0);
                writer.Integer(1, r * 37);
                writer.Text(2, r % 3 == 0 ? "Île & <R&D>" : "Sales", quoted: false);
                writer.EndRow();
            }

            writer.Flush();
        }

        var styles = new[] { "4", null, "12" };
        var direct = new MemoryStream();
        Rows(new RowXmlWriter(direct, styles, "9"));
        var blocks = new BlockStream();
        Rows(RowXmlWriter.WithStylesLater(blocks, styles.Length));
        var later = new MemoryStream();
        RowXmlWriter.CopyWithStyles(blocks.Blocks, styles, "9", later);

        Assert.True(blocks.Blocks.Count > 10, "several blocks, so that marks meet block ends");
        Assert.Equal(direct.ToArray(), later.ToArray());
    }
}

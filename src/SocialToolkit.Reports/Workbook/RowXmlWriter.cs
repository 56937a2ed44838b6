using System;
using System.Globalization;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SocialToolkit.Reports.Workbook
{
    /// <summary>
    /// Writes the rows of a big sheet as SpreadsheetML bytes (<c>&lt;row&gt;</c> and <c>&lt;c&gt;</c> elements of the default
    /// namespace, inline strings) into a buffer that goes to the stream in large blocks. The fixed parts of every cell
    /// (reference letters, style, type) are encoded once per column, numbers are written digit by digit, and text is
    /// escaped on the way: a cell costs no string and no element object, where the OpenXml SDK's writer made several per
    /// cell and took longer than EPPlus's whole save.
    /// </summary>
    internal sealed class RowXmlWriter
    {
        private static readonly byte[] RowStart = Ascii("<row r=\"");
        private static readonly byte[] RowOpened = Ascii("\">");
        private static readonly byte[] RowEnd = Ascii("</row>");
        private static readonly byte[] TextEnd = Ascii("</t></is></c>");
        private static readonly byte[] PreservedText = Ascii("<t xml:space=\"preserve\">");
        private static readonly byte[] PlainText = Ascii("<t>");
        private static readonly byte[] NumberEnd = Ascii("</v></c>");
        private static readonly byte[] Ampersand = Ascii("&amp;");
        private static readonly byte[] LessThan = Ascii("&lt;");
        private static readonly byte[] GreaterThan = Ascii("&gt;");

        private readonly Stream output;
        private readonly byte[][] cellStarts;
        private readonly byte[][] textOpenings;
        private readonly byte[][] numberOpenings;
        private readonly byte[]? quotedTextOpening;
        private readonly byte[] rowNumber = new byte[20];
        private byte[] buffer = new byte[1 << 16];
        private int used;
        private int rowNumberLength;

        /// <summary>Marks where a cell's style goes in rows written before the style ids are known (never in XML text: a control character).</summary>
        private const byte StyleMark = 1;

        /// <summary>The column number a style mark stands for when the cell is quoted text.</summary>
        private const byte QuotedTextMark = byte.MaxValue;

        /// <param name="output">Where the bytes go.</param>
        /// <param name="columnStyles">Each column's style id (null: none).</param>
        /// <param name="quotedTextStyle">The style of text that must keep a quote prefix (see <see cref="CellFormats.NeedsQuotePrefix"/>).</param>
        public RowXmlWriter(Stream output, string?[] columnStyles, string? quotedTextStyle)
            : this(output, columnStyles.Select(StyleAttribute).ToArray(), StyleAttribute(quotedTextStyle))
        {
        }

        private RowXmlWriter(Stream output, byte[][] columnStyles, byte[] quotedTextStyle)
        {
            this.output = output;
            cellStarts = new byte[columnStyles.Length][];
            textOpenings = new byte[columnStyles.Length][];
            numberOpenings = new byte[columnStyles.Length][];
            for (var c = 0; c < columnStyles.Length; c++)
            {
                cellStarts[c] = Ascii("<c r=\"" + TableSheet.ColumnLetter(c + 1));
                textOpenings[c] = Concat(Ascii("\""), columnStyles[c], Ascii(" t=\"inlineStr\"><is>"));
                numberOpenings[c] = Concat(Ascii("\""), columnStyles[c], Ascii("><v>"));
            }

            quotedTextOpening = Concat(Ascii("\""), quotedTextStyle, Ascii(" t=\"inlineStr\"><is>"));
        }

        /// <summary>
        /// A writer for rows whose style ids are not known yet (the workbook that holds the styles is still being written):
        /// each cell carries a two-byte mark instead, which <see cref="CopyWithStyles"/> replaces once they are.
        /// </summary>
        public static RowXmlWriter WithStylesLater(Stream output, int columns)
        {
            if (columns >= QuotedTextMark)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), "Rows with styles set later have fewer than 255 columns.");
            }

            return new RowXmlWriter(output, Enumerable.Range(0, columns).Select(c => new[] { StyleMark, (byte)c }).ToArray(), new[] { StyleMark, QuotedTextMark });
        }

        /// <summary>Writes blocks made by a <see cref="WithStylesLater"/> writer to <paramref name="target"/>, each style mark replaced by its style.</summary>
        public static void CopyWithStyles(IEnumerable<byte[]> blocks, string?[] columnStyles, string? quotedTextStyle, Stream target)
        {
            var attributes = new byte[256][];
            for (var c = 0; c < columnStyles.Length; c++)
            {
                attributes[c] = StyleAttribute(columnStyles[c]);
            }

            attributes[QuotedTextMark] = StyleAttribute(quotedTextStyle);
            var copy = new RowXmlWriter(target, Array.Empty<string?>(), null);
            foreach (var block in blocks)
            {
                // A mark is written in one piece, so no block ends inside one.
                var start = 0;
                int mark;
                while ((mark = Array.IndexOf(block, StyleMark, start)) >= 0)
                {
                    copy.Write(block, start, mark - start);
                    copy.Write(attributes[block[mark + 1]]);
                    start = mark + 2;
                }

                copy.Write(block, start, block.Length - start);
            }

            copy.Flush();
        }

        public void StartRow(int number)
        {
            // Digits from the last, then turned around: no string per row.
            rowNumberLength = 0;
            do
            {
                rowNumber[rowNumberLength++] = (byte)('0' + (number % 10));
                number /= 10;
            }
            while (number != 0);

            Array.Reverse(rowNumber, 0, rowNumberLength);

            Write(RowStart);
            Write(rowNumber, rowNumberLength);
            Write(RowOpened);
        }

        public void EndRow()
        {
            Write(RowEnd);
            if (used > buffer.Length - 4096)
            {
                Flush();
            }
        }

        /// <summary>A text cell; the text must already be fit for XML (<see cref="CellFormats.XmlSafe"/>).</summary>
        public void Text(int column, string text, bool quoted)
        {
            StartCell(column);
            Write(quoted ? quotedTextOpening! : textOpenings[column]);
            var preserve = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[text.Length - 1]));
            Write(preserve ? PreservedText : PlainText);
            Escaped(text);
            Write(TextEnd);
        }

        public void Integer(int column, long value)
        {
            StartCell(column);
            Write(numberOpenings[column]);
            if (value < 0 || value > int.MaxValue)
            {
                AsciiText(value.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                Digits((int)value);
            }

            Write(NumberEnd);
        }

        /// <summary>A number cell whose value is already written as invariant text.</summary>
        public void Number(int column, string value)
        {
            StartCell(column);
            Write(numberOpenings[column]);
            AsciiText(value);
            Write(NumberEnd);
        }

        public void Flush()
        {
            output.Write(buffer, 0, used);
            used = 0;
        }

        private void StartCell(int column)
        {
            Write(cellStarts[column]);
            Write(rowNumber, rowNumberLength);
        }

        private void Digits(int value)
        {
            Room(10);
            var start = used;
            do
            {
                buffer[used++] = (byte)('0' + value % 10);
                value /= 10;
            }
            while (value != 0);

            Array.Reverse(buffer, start, used - start);
        }

        private void AsciiText(string text)
        {
            Room(text.Length);
            foreach (var c in text)
            {
                buffer[used++] = (byte)c;
            }
        }

        private void Escaped(string text)
        {
            // ASCII (the usual case) byte by byte; from the first other character on, through the UTF-8 encoder.
            Room(text.Length * 5);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '&':
                        Write(Ampersand);
                        break;
                    case '<':
                        Write(LessThan);
                        break;
                    case '>':
                        Write(GreaterThan);
                        break;
                    case var _ when c >= 0x80:
                        var rest = text.Substring(i).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
                        Room(Encoding.UTF8.GetMaxByteCount(rest.Length));
                        used += Encoding.UTF8.GetBytes(rest, 0, rest.Length, buffer, used);
                        return;
                    default:
                        buffer[used++] = (byte)c;
                        break;
                }
            }
        }

        private void Write(byte[] bytes) => Write(bytes, 0, bytes.Length);

        private void Write(byte[] bytes, int count) => Write(bytes, 0, count);

        private void Write(byte[] bytes, int offset, int count)
        {
            Room(count);
            Buffer.BlockCopy(bytes, offset, buffer, used, count);
            used += count;
        }

        private void Room(int count)
        {
            if (used + count <= buffer.Length)
            {
                return;
            }

            Flush();
            if (count > buffer.Length)
            {
                buffer = new byte[count];
            }
        }

        private static byte[] StyleAttribute(string? style) => style == null ? Array.Empty<byte>() : Ascii(" s=\"" + style + "\"");

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
    }
}

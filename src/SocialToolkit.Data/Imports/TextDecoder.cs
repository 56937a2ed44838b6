using System;
using System.IO;
using System.Text;

namespace SocialToolkit.Data.Imports
{
    /// <summary>
    /// Turns the bytes of a text export into a string. A byte-order mark decides (UTF-8, UTF-16 LE/BE); without one
    /// the text is UTF-16 when every other byte of the start is zero, else UTF-8 when it decodes cleanly, else
    /// Windows-1252, which is what Excel's plain "CSV (comma delimited)" writes on Western European Windows.
    /// </summary>
    internal static class TextDecoder
    {
        public static string Decode(byte[] bytes, out string encodingName)
        {
            if (StartsWith(bytes, 0xEF, 0xBB, 0xBF))
            {
                encodingName = "UTF-8 (BOM)";
                return Strict(new UTF8Encoding(false, true), bytes, 3);
            }

            if (StartsWith(bytes, 0xFF, 0xFE))
            {
                encodingName = "UTF-16 LE (BOM)";
                return Strict(new UnicodeEncoding(false, false, true), bytes, 2);
            }

            if (StartsWith(bytes, 0xFE, 0xFF))
            {
                encodingName = "UTF-16 BE (BOM)";
                return Strict(new UnicodeEncoding(true, false, true), bytes, 2);
            }

            var utf16 = GuessUtf16WithoutMark(bytes);
            if (utf16 != null)
            {
                encodingName = utf16.Value ? "UTF-16 BE" : "UTF-16 LE";
                return Strict(new UnicodeEncoding(utf16.Value, false, true), bytes, 0);
            }

            try
            {
                var text = new UTF8Encoding(false, true).GetString(bytes);
                encodingName = "UTF-8";
                return text;
            }
            catch (DecoderFallbackException)
            {
                encodingName = "Windows-1252";
                return DecodeWindows1252(bytes);
            }
        }

        private static string Strict(Encoding encoding, byte[] bytes, int skip)
        {
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }

        private static bool StartsWith(byte[] bytes, params byte[] mark)
        {
            if (bytes.Length < mark.Length)
            {
                return false;
            }

            for (var i = 0; i < mark.Length; i++)
            {
                if (bytes[i] != mark[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True for big-endian, false for little-endian, null when the text does not look like UTF-16.</summary>
        private static bool? GuessUtf16WithoutMark(byte[] bytes)
        {
            var length = Math.Min(bytes.Length, 512) & ~1;
            if (length < 4)
            {
                return null;
            }

            int zeroEven = 0, zeroOdd = 0;
            for (var i = 0; i < length; i += 2)
            {
                if (bytes[i] == 0)
                {
                    zeroEven++;
                }

                if (bytes[i + 1] == 0)
                {
                    zeroOdd++;
                }
            }

            var pairs = length / 2;

            // Headers are ASCII, so one byte of nearly every pair is zero in UTF-16 and none is in UTF-8 text.
            if (zeroOdd * 10 >= pairs * 9 && zeroEven == 0)
            {
                return false;
            }

            if (zeroEven * 10 >= pairs * 9 && zeroOdd == 0)
            {
                return true;
            }

            return null;
        }

        /// <summary>Windows-1252 without the code-pages package: Latin-1 except for 0x80–0x9F.</summary>
        private static string DecodeWindows1252(byte[] bytes)
        {
            const string high = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
            var chars = new char[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                chars[i] = b >= 0x80 && b <= 0x9F ? high[b - 0x80] : (char)b;
            }

            return new string(chars);
        }

        /// <summary>
        /// The encoding of a text file, decided as <see cref="Decode"/> decides but without loading the file: the start
        /// gives a byte-order mark or UTF-16; otherwise one streaming pass checks that the whole file is valid UTF-8.
        /// Returns a function that opens a fresh reader at the start of the text (after any mark).
        /// </summary>
        public static Func<TextReader> Open(string path, out string encodingName)
        {
            var head = new byte[512];
            int headLength;
            using (var stream = OpenFile(path))
            {
                headLength = stream.Read(head, 0, head.Length);
            }

            if (headLength < head.Length)
            {
                Array.Resize(ref head, headLength);
            }

            Encoding? encoding = null;
            if (StartsWith(head, 0xEF, 0xBB, 0xBF))
            {
                encodingName = "UTF-8 (BOM)";
                encoding = new UTF8Encoding(false, true);
            }
            else if (StartsWith(head, 0xFF, 0xFE))
            {
                encodingName = "UTF-16 LE (BOM)";
                encoding = new UnicodeEncoding(false, false, true);
            }
            else if (StartsWith(head, 0xFE, 0xFF))
            {
                encodingName = "UTF-16 BE (BOM)";
                encoding = new UnicodeEncoding(true, false, true);
            }
            else if (GuessUtf16WithoutMark(head) is bool bigEndian)
            {
                encodingName = bigEndian ? "UTF-16 BE" : "UTF-16 LE";
                encoding = new UnicodeEncoding(bigEndian, false, true);
            }
            else if (IsUtf8(path))
            {
                encodingName = "UTF-8";
                encoding = new UTF8Encoding(false, true);
            }
            else
            {
                encodingName = "Windows-1252";
                return () => new Windows1252Reader(OpenFile(path));
            }

            var chosen = encoding;
            return () => new StreamReader(OpenFile(path), chosen, detectEncodingFromByteOrderMarks: true, bufferSize: 65536);
        }

        private static Stream OpenFile(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 65536, FileOptions.SequentialScan);

        private static bool IsUtf8(string path)
        {
            var decoder = new UTF8Encoding(false, true).GetDecoder();
            var buffer = new byte[65536];
            var chars = new char[65537];
            try
            {
                using var stream = OpenFile(path);
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                }

                decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        /// <summary>Reads Windows-1252 text from a stream, byte by byte mapped as <see cref="DecodeWindows1252"/> does.</summary>
        private sealed class Windows1252Reader : TextReader
        {
            private const string High = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
            private readonly Stream stream;
            private readonly byte[] buffer = new byte[65536];
            private int length;
            private int position;

            public Windows1252Reader(Stream stream)
            {
                this.stream = stream;
            }

            public override int Peek() => Fill() ? Map(buffer[position]) : -1;

            public override int Read() => Fill() ? Map(buffer[position++]) : -1;

            public override int Read(char[] destination, int index, int count)
            {
                if (!Fill())
                {
                    return 0;
                }

                var n = Math.Min(count, length - position);
                for (var i = 0; i < n; i++)
                {
                    destination[index + i] = Map(buffer[position + i]);
                }

                position += n;
                return n;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    stream.Dispose();
                }

                base.Dispose(disposing);
            }

            private static char Map(byte b) => b >= 0x80 && b <= 0x9F ? High[b - 0x80] : (char)b;

            private bool Fill()
            {
                if (position < length)
                {
                    return true;
                }

                length = stream.Read(buffer, 0, buffer.Length);
                position = 0;
                return length > 0;
            }
        }
    }
}
